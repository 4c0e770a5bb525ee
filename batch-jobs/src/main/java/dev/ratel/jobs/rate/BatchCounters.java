package dev.ratel.jobs.rate;

import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.state.MappedCounterStore;
import java.util.Arrays;

/**
 * The counters as one batch sees them: each counter is read from the off-heap store once, the
 * batch's draws are summed on top, and {@link #flush} writes each changed counter once, tagged with
 * the rated-journal entry that holds the batch. Later records of a batch so see the draws of earlier
 * ones, and the store is touched once per counter per batch rather than once per record.
 */
final class BatchCounters implements CounterStore {
    private final MappedCounterStore store;
    private long[] owners = new long[4096];
    private int[] bucketPeriods = new int[4096];
    private long[] base = new long[4096];
    private long[] pending = new long[4096];
    private boolean[] occupied = new boolean[4096];
    private int[] slotsInUse = new int[4096];
    private int size;

    BatchCounters(MappedCounterStore store) {
        this.store = store;
    }


    @Override
    public long used(long owner, int bucketCode, int period) {
        int slot = slot(owner, bucketCode, period);
        return base[slot] + pending[slot];
    }

    @Override
    public void add(long owner, int bucketCode, int period, long units) {
        int slot = slot(owner, bucketCode, period);
        pending[slot] = Math.addExact(pending[slot], units);
    }

    /** The counters the batch changed, with their new values, for the rated journal. */
    void forEachChanged(CounterVisitor visitor) {
        for (int i = 0; i < size; i++) {
            int slot = slotsInUse[i];
            if (pending[slot] != 0) {
                visitor.visit(owners[slot], bucketPeriods[slot] & 0xFFFF, bucketPeriods[slot] >>> 16, base[slot] + pending[slot]);
            }
        }
    }

    int changedCount() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (pending[slotsInUse[i]] != 0) {
                count++;
            }
        }
        return count;
    }

    /** Sets the changed counters in the store as rated-journal entry {@code ratedIndex}, then forgets the batch. */
    void flush(long ratedIndex) {
        forEachChanged((owner, bucket, period, used) -> store.set(owner, bucket, period, used, ratedIndex));
        for (int i = 0; i < size; i++) {
            occupied[slotsInUse[i]] = false;
        }
        size = 0;
    }

    /** Receives one changed counter and its new value. */
    interface CounterVisitor {
        void visit(long owner, int bucketCode, int period, long used);
    }

    private int slot(long owner, int bucketCode, int period) {
        if (size * 2 >= owners.length) {
            grow();
        }
        int bucketPeriod = period << 16 | bucketCode; // as the store keys it: 16 bits of bucket code
        int mask = owners.length - 1;
        int slot = (int) (mix(owner * 31 + bucketPeriod) & mask);
        while (occupied[slot]) {
            if (owners[slot] == owner && bucketPeriods[slot] == bucketPeriod) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        occupied[slot] = true;
        owners[slot] = owner;
        bucketPeriods[slot] = bucketPeriod;
        base[slot] = store.used(owner, bucketCode, period);
        pending[slot] = 0;
        slotsInUse[size++] = slot;
        return slot;
    }

    private void grow() {
        long[] oldOwners = owners;
        int[] oldBucketPeriods = bucketPeriods;
        long[] oldBase = base;
        long[] oldPending = pending;
        int[] oldSlots = Arrays.copyOf(slotsInUse, size);
        int capacity = owners.length * 2;
        owners = new long[capacity];
        bucketPeriods = new int[capacity];
        base = new long[capacity];
        pending = new long[capacity];
        occupied = new boolean[capacity];
        slotsInUse = new int[capacity];
        int count = size;
        size = 0;
        int mask = capacity - 1;
        for (int i = 0; i < count; i++) {
            int old = oldSlots[i];
            int slot = (int) (mix(oldOwners[old] * 31 + oldBucketPeriods[old]) & mask);
            while (occupied[slot]) {
                slot = (slot + 1) & mask;
            }
            occupied[slot] = true;
            owners[slot] = oldOwners[old];
            bucketPeriods[slot] = oldBucketPeriods[old];
            base[slot] = oldBase[old];
            pending[slot] = oldPending[old];
            slotsInUse[size++] = slot;
        }
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }
}
