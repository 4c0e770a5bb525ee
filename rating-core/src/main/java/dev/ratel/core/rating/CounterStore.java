package dev.ratel.core.rating;

/**
 * How much of each allowance bucket an owner has used in a period. An owner is a number (its
 * digits) or an account pool ({@link #accountOwner}); a period is {@code year * 12 + month - 1} in
 * the plan's time zone, so a new month starts every bucket full and what was left has expired.
 * The rating job keeps these off-heap; tests and quotes keep them on the heap.
 */
public interface CounterStore {
    /** Units (or scaled money) of the bucket used by the owner in the period; 0 if never drawn. */
    long used(long owner, int bucketIndex, int period);

    /** Adds units drawn. */
    void add(long owner, int bucketIndex, int period, long units);

    /** The owner key of an account's pool: negative, so it never equals a number. */
    static long accountOwner(int accountIndex) {
        return -1L - accountIndex;
    }
}
