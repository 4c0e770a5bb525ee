package dev.ratel.core.rating;

import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.RatingTable;

/**
 * The {@link AllowanceBalances} of one event: each bucket read from the counter store for the owner
 * its scope names (the number's holding on its subscription, or the subscription's pool) under the
 * bucket's durable code, in the period whose allowances the event draws on. Reused: set it up per
 * event with {@link #of}.
 */
public final class PeriodBalances implements AllowanceBalances {
    private CounterStore store;
    private RatingTable table;
    private int[] bucketCodes;
    private long holding;
    private long pool;
    private int period;

    /**
     * @param bucketCodes the durable code of each of the table's buckets, by the table's bucket index
     * @param holding the owner code of the number on its subscription
     * @param pool the owner code of the subscription's pools
     */
    public PeriodBalances of(CounterStore store, RatingTable table, int[] bucketCodes, long holding, long pool, int period) {
        this.store = store;
        this.table = table;
        this.bucketCodes = bucketCodes;
        this.holding = holding;
        this.pool = pool;
        this.period = period;
        return this;
    }

    /** The owner code a bucket's counter is kept under for this event. */
    public long ownerOf(int bucketIndex) {
        return table.bucket(bucketIndex).scope() == BucketScope.ACCOUNT ? pool : holding;
    }

    /** The durable code of the table's bucket. */
    public int codeOf(int bucketIndex) {
        return bucketCodes[bucketIndex];
    }

    public int period() {
        return period;
    }

    @Override
    public long remaining(int bucketIndex) {
        long granted = table.bucket(bucketIndex).grantedUnits();
        if (granted == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, granted - store.used(ownerOf(bucketIndex), bucketCodes[bucketIndex], period));
    }

    /** Applies a result's deltas to the store (after the caller has journalled them). */
    public void apply(RatingResult result) {
        for (int i = 0; i < result.deltaCount; i++) {
            int bucket = result.deltaBucket[i];
            store.add(ownerOf(bucket), bucketCodes[bucket], period, result.deltaUnits[i]);
        }
    }
}
