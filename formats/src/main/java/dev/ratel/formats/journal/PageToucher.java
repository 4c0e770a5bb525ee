package dev.ratel.formats.journal;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;

/**
 * Touches the pages of a journal's cycle file a little ahead of its writer, on a thread of its own.
 *
 * <p>Chronicle writes through a memory mapping of a sparse file, so the first write to each 4 KiB
 * page faults, and on this kind of machine (a virtual one) a fault costs several microseconds: a
 * million records' rated journal took about a second of the rating thread's time in faults. The
 * toucher takes the same mapped chunk from Chronicle's {@link MappedFile} (counted as one more user,
 * so it is never unmapped under the toucher) and writes a zero over a zero on each page ahead (a
 * compare-and-set, so it can never overwrite what the writer put there); the writer then finds its
 * pages mapped and in memory. Chronicle's open-source edition does not pretouch.
 *
 * <p>It touches at most {@link #AHEAD} bytes ahead of the writer, and a file it cannot touch (closed
 * at a roll) only ends that file's touching: touching is a help, never a condition.
 */
final class PageToucher implements AutoCloseable {
    /** How far ahead of the writer pages are touched. */
    static final long AHEAD = 8L << 20;
    private static final int PAGE = 4096;

    private final ReferenceOwner owner = ReferenceOwner.temporary("ratel-pretouch");
    private final Thread thread;
    private volatile MappedFile file;
    private volatile long position;
    private volatile boolean closed;

    PageToucher(String name) {
        thread = new Thread(this::touchAhead, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The writer has written {@code file} up to {@code writePosition}; cheap enough to call after every excerpt. */
    void wrote(MappedFile file, long writePosition) {
        if (file != this.file) {
            this.file = file;
        }
        this.position = writePosition;
        LockSupport.unpark(thread);
    }

    private void touchAhead() {
        MappedFile touching = null;
        boolean givenUp = false;
        long touched = 0;
        while (!closed) {
            MappedFile current = file;
            if (current != touching) {
                touching = current;
                givenUp = false;
                touched = 0;
            }
            long writer = position;
            long from = Math.max(touched, writer & -PAGE);
            long to = (writer + AHEAD) & -PAGE;
            if (touching == null || givenUp || from >= to) {
                LockSupport.parkNanos(this, 200_000);
                continue;
            }
            try {
                touched = touch(touching, from, to);
                givenUp = touched == from; // Chronicle gave a chunk without that page: leave the file to the writer
            } catch (IOException | RuntimeException e) {
                // the file was closed (a roll, the journal's close) or could not be mapped: the writer faults its pages in itself
                givenUp = true;
            }
        }
    }

    /** Touches the pages of {@code [from, to)} that lie in the chunk holding {@code from}; returns where it stopped. */
    private long touch(MappedFile mapped, long from, long to) throws IOException {
        MappedBytesStore store = mapped.acquireByteStore(owner, from);
        try {
            long page = from;
            while (page < to && store.inside(page, 4) && file == mapped && !closed) {
                store.compareAndSwapInt(page, 0, 0);
                page += PAGE;
            }
            return page;
        } finally {
            store.release(owner);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
