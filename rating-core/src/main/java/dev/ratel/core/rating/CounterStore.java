package dev.ratel.core.rating;

/**
 * How much of each allowance bucket an owner has used in a period. Every key part is an identity, never
 * a position: the owner is the durable code of a number held on a subscription (its number-scope
 * buckets) or of a subscription (its pools), and the bucket the durable code of a plan's allowance by
 * id ({@link CounterKeys}); a period is {@code year * 12 + month - 1} in the plan's time zone, so a new
 * month starts every bucket full and what was left has expired. The rating job keeps these off-heap;
 * tests and quotes keep them on the heap.
 */
public interface CounterStore {
    /** The most bucket codes a store keys: 16 bits of its key. */
    int MAX_BUCKET_CODES = 1 << 16;

    /** Units (or scaled money) of the bucket used by the owner in the period; 0 if never drawn. */
    long used(long owner, int bucketCode, int period);

    /** Adds units drawn. */
    void add(long owner, int bucketCode, int period, long units);
}
