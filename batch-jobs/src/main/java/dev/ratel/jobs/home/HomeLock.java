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
 * The operating system releases it when the process ends, however it ends. Within one process the
 * lock is re-entrant: a pipeline holds it across its jobs, and each job's own acquire only counts.
 */
public final class HomeLock implements AutoCloseable {
    private static final java.util.Map<Path, HomeLock> HELD = new java.util.HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private int holds = 1;

    private HomeLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @throws HomeLockedException when another process holds it
     */
    public static HomeLock acquire(Path home) throws IOException {
        createPrivately(home);
        Path key = home.toRealPath();
        synchronized (HELD) {
            HomeLock held = HELD.get(key);
            if (held != null) {
                held.holds++;
                return held;
            }
            HomeLock taken = take(home, key);
            try {
                HomeLayout.checkFormat(home);
            } catch (IOException | RuntimeException e) {
                taken.release();
                throw e;
            }
            HELD.put(key, taken);
            return taken;
        }
    }

    /**
     * Creates a home that does not exist yet readable by its owner alone (0700): it keeps raw CDRs, the
     * job repository (an H2 file with no password of its own) and rejects with raw lines. Its parents
     * are made as usual; a home that exists keeps the mode it has.
     */
    private static void createPrivately(Path home) throws IOException {
        if (Files.isDirectory(home)) {
            return;
        }
        Path absolute = home.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            if (absolute.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(absolute, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
    }

    private static HomeLock take(Path home, Path key) throws IOException {
        Path file = HomeLayout.lock(home);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        // a reader holds the home for the length of its read (ratel history while no run is active): a run waits
        boolean told = false;
        while (lock == null && heldByReader(file)) {
            if (!told) {
                LOG.warn("home {} is being read by {} (a read-only command); waiting for it", home,
                        Files.readString(file, StandardCharsets.UTF_8).trim());
                told = true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // this very process reads the home: waiting would never end
                break;
            }
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new HomeLockedException("home " + home + " is in use by another ratel run"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to finish");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        return new HomeLock(key, channel, lock);
    }

    private static final String READER = "reader ";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HomeLock.class);

    /**
     * Takes the lock for a read-only command when no run holds the home, marked as a reader's, so a run that starts
     * meanwhile waits for the read to end (the reader opens the job repository on its own, and never serves it to a
     * run that would lose its connections when the reader exits). Another reader waits for this one. Returns null when
     * a run holds the home: the reader then reads through that run's process. Never creates the home.
     */
    public static HomeLock tryReading(Path home) throws IOException {
        Path file = HomeLayout.lock(home);
        if (!Files.isDirectory(home) || !Files.isWritable(home)) {
            return null;
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                channel.truncate(0);
                channel.write(java.nio.ByteBuffer.wrap((READER + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
                return new HomeLock(home.toRealPath(), channel, lock);
            }
            if (!heldByReader(file)) {
                channel.close();
                return null;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                channel.close();
                throw new java.io.InterruptedIOException("interrupted while waiting for another reader of " + home);
            }
        }
    }

    /**
     * Whether the lock's holder is a reader. Its holder writes who it is just after taking the lock: an empty file is
     * read again for a moment before it is taken for a run.
     */
    private static boolean heldByReader(Path file) throws IOException {
        for (int look = 0; look < 20; look++) {
            String holder = Files.readString(file, StandardCharsets.UTF_8);
            if (!holder.isEmpty()) {
                return holder.startsWith(READER);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void release() throws IOException {
        lock.release();
        channel.close();
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (--holds > 0) {
                return;
            }
            HELD.remove(key);
        }
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
