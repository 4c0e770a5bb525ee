package dev.ratel.jobs.rate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs one task on every thread of the crew, round after round: thread 0 is the calling thread, the
 * others helper threads kept for the whole run. A round is a usage batch, about a thousand records, so
 * there are thousands of rounds a second: waking a parked pool thread through an executor and a
 * future took tens of microseconds each way on a small virtual machine, as long as the rating of a
 * batch itself. Helpers spin briefly before they park, so a hand-over that comes soon costs nothing
 * but a few idle cycles, and the caller never waits for one to wake (see {@link #run}).
 */
final class PartitionCrew implements AutoCloseable {
    /** About 50-100 microseconds of spinning before parking. */
    private static final int SPINS = 2_000;

    private final Thread[] helpers;
    private final AtomicLong round = new AtomicLong();
    /** Helpers inside a round's work. */
    private final AtomicInteger inside = new AtomicInteger();
    /** The last round the caller finished: a helper coming later stays out of it. */
    private volatile long closedRound;
    private volatile IntConsumer task;
    private volatile Throwable failure;
    private volatile boolean closed;

    PartitionCrew(int threads) {
        this.helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            int thread = h + 1;
            helpers[h] = new Thread(() -> work(thread), "ratel-rate-" + thread);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /**
     * Runs {@code work} on the calling thread (number 0) and on every helper that comes in time, and
     * returns when all who came are done; rethrows the first failure. The work must be shared out by
     * claiming (as {@link RatingRound} does), so that the caller alone can finish it: a helper still
     * waking up when the caller has finished does not join the round, and the caller does not wait for
     * it. Waking a parked thread took longer here than a small round.
     */
    void run(IntConsumer work) {
        if (helpers.length == 0) {
            work.accept(0);
            return;
        }
        task = work;
        long current = round.incrementAndGet();
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        Throwable own = null;
        try {
            work.accept(0);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        // Closing the round and counting who is inside pair up with a helper's counting itself in and
        // reading whether the round is closed: either the helper sees it closed and stays out, or the
        // caller sees it inside and waits for it, busy, until it is done.
        closedRound = current;
        for (int spin = 0; inside.get() > 0; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        Throwable first = own != null ? own : failure;
        if (first != null) {
            failure = null;
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(first);
        }
    }

    private void work(int thread) {
        long done = 0;
        int spin = 0;
        while (!closed) {
            long current = round.get();
            if (current == done) {
                if (spin < SPINS) {
                    spin++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 1_000_000);
                }
                continue;
            }
            spin = 0;
            done = current;
            inside.incrementAndGet();
            try {
                if (closedRound < current) {
                    task.accept(thread);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
    }
}
