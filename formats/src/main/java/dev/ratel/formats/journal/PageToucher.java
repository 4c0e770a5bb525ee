package dev.ratel.formats.journal;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Touches the pages of a journal's cycle file a little ahead of its writer, on a thread of its own.
 *
 * <p>Chronicle writes through a memory mapping of a sparse file, so the first write to each 4 KiB
 * page faults, and on this kind of machine (a virtual one) a fault costs several microseconds: a
 * million records' rated journal took about a second of the rating thread's time in faults. The
 * toucher maps the same file itself and writes a zero over a zero (a compare-and-set, so it can
 * never overwrite what the writer put there) on each page ahead; the kernel then has the page in
 * its cache, and the writer's own fault on it is a cheap one. Chronicle's open-source edition does
 * not pretouch.
 *
 * <p>It touches only within the file's current length (Chronicle grows the file a chunk ahead of
 * the writer), at most {@link #AHEAD} bytes ahead, and stops touching a file as soon as the writer
 * moves to the next one; a fault it cannot take (a file shrunk after its roll) only ends that
 * file's touching.
 */
final class PageToucher implements AutoCloseable {
    /** How far ahead of the writer pages are touched. */
    static final long AHEAD = 8L << 20;
    private static final int PAGE = 4096;
    /** The span one mapping covers; remapped as the writer moves on. */
    private static final long WINDOW = 64L << 20;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final Thread thread;
    private volatile File file;
    private volatile long position;
    private volatile boolean closed;

    PageToucher(String name) {
        thread = new Thread(this::touchAhead, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The writer has written {@code file} up to {@code writePosition}; cheap enough to call after every excerpt. */
    void wrote(File file, long writePosition) {
        if (file == null) {
            return;
        }
        if (file != this.file) {
            this.file = file;
        }
        this.position = writePosition;
        LockSupport.unpark(thread);
    }

    private void touchAhead() {
        File touching = null;
        FileChannel channel = null;
        MappedByteBuffer window = null;
        long windowStart = 0;
        long touched = 0;
        try {
            while (!closed) {
                File current = file;
                if (current != touching) {
                    closeQuietly(channel);
                    window = null;
                    channel = null;
                    touching = current;
                    touched = 0;
                    try {
                        channel = FileChannel.open(current.toPath(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                    } catch (IOException e) {
                        // the file went away (rolled and deleted): wait for the next one
                    }
                }
                if (channel == null) {
                    LockSupport.parkNanos(this, 1_000_000);
                    continue;
                }
                long writer = position;
                long length = channel.size();
                long from = Math.max(touched, writer & -PAGE);
                long to = Math.min(writer + AHEAD, length) & -PAGE;
                if (from >= to) {
                    LockSupport.parkNanos(this, 200_000);
                    continue;
                }
                try {
                    for (long page = from; page < to && file == touching && !closed; page += PAGE) {
                        if (window == null || page < windowStart || page >= windowStart + window.capacity()) {
                            windowStart = page;
                            // never past the file's end: mapping there would grow the file
                            window = channel.map(FileChannel.MapMode.READ_WRITE, page, Math.min(WINDOW, length - page) & -PAGE);
                        }
                        INT.compareAndSet(window, (int) (page - windowStart), 0, 0);
                        touched = page + PAGE;
                    }
                } catch (InternalError | IOException e) {
                    // the file shrank under us (Chronicle trims a rolled file) or could not be mapped: leave it
                    closeQuietly(channel);
                    channel = null;
                    window = null;
                }
            }
        } catch (IOException e) {
            // touching is only a help: the writer faults its pages in itself
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through the channel itself
            }
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
