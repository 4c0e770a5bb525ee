package dev.ratel.core.rating;

/**
 * What remains of each bucket for the event being rated: the implementation knows the event's
 * number, account and period and maps a bucket to the right counter (per number or per account
 * pool). A bucket never drawn in the period has its full grant. The rater only reads; the caller
 * applies the deltas of a {@link RatingResult} (after writing them to its journal).
 */
public interface AllowanceBalances {
    /** Units left in the bucket ({@link Long#MAX_VALUE} for unlimited). */
    long remaining(int bucketIndex);
}
