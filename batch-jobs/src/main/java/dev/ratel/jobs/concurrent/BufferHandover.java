package dev.ratel.jobs.concurrent;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Buffers passed between a reading thread and the thread that uses what it read: the reader takes a
 * free buffer, fills it and hands it over; the user takes the full ones in order and gives each back
 * when done with it. A fixed set of buffers bounds both the memory and how far the reader runs ahead.
 * Ingest reads and checks a file a batch ahead of its journal this way, rating the usage journal a
 * batch ahead of its rounds.
 *
 * @param <T> the buffer
 */
public final class BufferHandover<T> implements AutoCloseable {
    private final BlockingQueue<T> free;
    private final BlockingQueue<T> full;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts {@code reader} on a daemon thread named {@code threadName}, with {@code buffers} free. */
    public BufferHandover(List<T> buffers, String threadName, Consumer<BufferHandover<T>> reader) {
        free = new ArrayBlockingQueue<>(buffers.size(), false, buffers);
        full = new ArrayBlockingQueue<>(buffers.size());
        thread = new Thread(() -> reader.accept(this), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** For the reader: the next free buffer, waiting for one. */
    public T takeFree() throws InterruptedException {
        return free.take();
    }

    /** For the reader: a filled buffer, for the user to take in this order. */
    public void handOver(T buffer) throws InterruptedException {
        full.put(buffer);
    }

    /** For the reader: whether the user closed the handover and reads no further. */
    public boolean closed() {
        return closed;
    }

    /** For the user: the next filled buffer, waiting for one. */
    public T takeFull() throws InterruptedException {
        return full.take();
    }

    /** For the user: gives a buffer back once done with it. */
    public void recycle(T buffer) {
        free.add(buffer);
    }

    /** Stops the reader (interrupting a wait) and waits for its thread to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
