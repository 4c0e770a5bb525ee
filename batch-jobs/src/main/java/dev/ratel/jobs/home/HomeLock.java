package dev.ratel.jobs.home;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a Ratel home, so two runs never write its journal and counters at once.
 * The operating system releases it when the process ends, however it ends.
 */
public final class HomeLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws HomeLockedException when another process holds it
     */
    public static HomeLock acquire(Path home) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve("ratel.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new HomeLockedException("home " + home + " is in use by another ratel run"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to finish");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        return new HomeLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    /** Another run holds the home. */
    public static final class HomeLockedException extends IOException {
        public HomeLockedException(String message) {
            super(message);
        }
    }
}
