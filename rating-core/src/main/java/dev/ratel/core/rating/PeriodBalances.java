package dev.ratel.core.rating;

import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.RatingTable;

/**
 * The {@link AllowanceBalances} of one event: each bucket read from the counter store for the
 * owner its scope names (the number, or the account's pool) in the event's period. Reused: set it
 * up per event with {@link #of}.
 */
public final class PeriodBalances implements AllowanceBalances {
    private CounterStore store;
    private RatingTable table;
    private long number;
    private long account;
    private int period;

    public PeriodBalances of(CounterStore store, RatingTable table, long number, int accountIndex, int period) {
        this.store = store;
        this.table = table;
        this.number = number;
        this.account = CounterStore.accountOwner(accountIndex);
        this.period = period;
        return this;
    }

    /** The owner key a bucket's counter is kept under for this event. */
    public long ownerOf(int bucketIndex) {
        return table.bucket(bucketIndex).scope() == BucketScope.ACCOUNT ? account : number;
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
        return Math.max(0, granted - store.used(ownerOf(bucketIndex), bucketIndex, period));
    }

    /** Applies a result's deltas to the store (after the caller has journalled them). */
    public void apply(RatingResult result) {
        for (int i = 0; i < result.deltaCount; i++) {
            int bucket = result.deltaBucket[i];
            store.add(ownerOf(bucket), bucket, period, result.deltaUnits[i]);
        }
    }
}
