package dev.ratel.jobs.rate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one task on every partition, round after round: partition 0 on the calling thread, the others
 * on helper threads kept for the whole run. A round is a usage batch, about a thousand records, so
 * there are thousands of rounds a second: waking a parked pool thread through an executor and a
 * future took tens of microseconds each way on a small virtual machine, as long as the rating of a
 * batch itself. Helpers and the caller spin briefly before they park, so a hand-over that comes soon
 * costs nothing but a few idle cycles.
 */
final class PartitionCrew implements AutoCloseable {
    /** About 50-100 microseconds of spinning before parking. */
    private static final int SPINS = 2_000;

    private final RatingPartition[] partitions;
    private final Thread[] helpers;
    private final Thread caller;
    private final AtomicLong round = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private volatile Consumer<RatingPartition> task;
    private volatile Throwable failure;
    private volatile boolean closed;

    PartitionCrew(RatingPartition[] partitions) {
        this.partitions = partitions;
        this.caller = Thread.currentThread();
        this.helpers = new Thread[partitions.length - 1];
        for (int h = 0; h < helpers.length; h++) {
            int partition = h + 1;
            helpers[h] = new Thread(() -> work(partition), "ratel-rate-" + partition);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /** Runs {@code work} on every partition and returns when all are done; rethrows the first failure. */
    void run(Consumer<RatingPartition> work) {
        if (helpers.length == 0) {
            work.accept(partitions[0]);
            return;
        }
        task = work;
        running.set(helpers.length);
        round.incrementAndGet();
        for (Thread helper : helpers) {
            LockSupport.unpark(helper);
        }
        Throwable own = null;
        try {
            work.accept(partitions[0]);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        for (int spin = 0; running.get() > 0; ) {
            if (spin < SPINS) {
                spin++;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 100_000);
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

    private void work(int partition) {
        long done = 0;
        int spin = 0;
        while (!closed) {
            if (round.get() == done) {
                if (spin < SPINS) {
                    spin++;
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 1_000_000);
                }
                continue;
            }
            spin = 0;
            done = round.get();
            try {
                task.accept(partitions[partition]);
            } catch (Throwable e) {
                failure = e;
            } finally {
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
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
