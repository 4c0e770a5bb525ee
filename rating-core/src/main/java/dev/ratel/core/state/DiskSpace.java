package dev.ratel.core.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free space under a home, checked before a memory-mapped file is written or grown. A write to a mapped
 * page the device has no room for does not fail as an {@code IOException}: the process gets SIGBUS, the
 * JVM an {@link InternalError}, and what the page should have held reads back as zeros. So every writer of
 * a mapped file asks here first, for what it is about to write and a margin for the indexes and the next
 * chunk the mapping takes; when there is not that much, the run stops cleanly with
 * {@link NoSpaceLeftException} before writing anything.
 */
public final class DiskSpace {
    /** Room kept free besides what a write needs: the journals' indexes and the next mapped chunk. */
    public static final long MARGIN_BYTES = 32L << 20;

    private final Path directory;
    private final Path home;
    private FileStore store;

    /**
     * @param directory where the writes go (created if absent)
     * @param home the home the message names
     */
    public DiskSpace(Path directory, Path home) {
        this.directory = directory;
        this.home = home;
    }

    /** Checks that {@code bytes} more (and the margin) fit on the device under the directory. */
    public void require(long bytes) {
        try {
            if (store == null) {
                Files.createDirectories(directory);
                store = Files.getFileStore(directory);
            }
            long usable = store.getUsableSpace();
            long needed = bytes + MARGIN_BYTES;
            if (usable < needed) {
                throw new NoSpaceLeftException("no space left on " + store.name() + " for " + home + ": " + (usable >> 20) + " MiB free, "
                        + ((needed + (1 << 20) - 1) >> 20) + " MiB needed; free space and run the same command again: it goes on"
                        + " where this run stopped");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the free space under " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The device under a home has no room for the next write: nothing was written, the run stops. */
    public static final class NoSpaceLeftException extends UncheckedIOException {
        public NoSpaceLeftException(String message) {
            super(message, new IOException(message));
        }
    }
}
