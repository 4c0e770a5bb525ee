package dev.ratel.core.rating;

import dev.ratel.core.tariff.RatingTable;

/**
 * The buckets of one owner (a number, with its account's pools) for one period, on the heap:
 * for quotes, tests and small runs. The rating job keeps the same counters off-heap.
 */
public final class InMemoryAllowances implements AllowanceBalances {
    private final RatingTable table;
    private final long[] used;

    public InMemoryAllowances(RatingTable table) {
        this.table = table;
        this.used = new long[table.bucketCount()];
    }

    @Override
    public long remaining(int bucketIndex) {
        long granted = table.bucket(bucketIndex).grantedUnits();
        return granted == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, granted - used[bucketIndex]);
    }

    /** Units (or scaled money) drawn from the bucket so far. */
    public long used(int bucketIndex) {
        return used[bucketIndex];
    }

    /** Records units as already used, as when quoting for a number part-way through its month. */
    public void markUsed(int bucketIndex, long units) {
        used[bucketIndex] = Math.addExact(used[bucketIndex], units);
    }

    /** Starts a new period: every bucket full again (what was left has expired). */
    public void startNewPeriod() {
        java.util.Arrays.fill(used, 0);
    }

    /** Applies a result's deltas. */
    public void apply(RatingResult result) {
        for (int i = 0; i < result.deltaCount; i++) {
            markUsed(result.deltaBucket[i], result.deltaUnits[i]);
        }
    }
}
