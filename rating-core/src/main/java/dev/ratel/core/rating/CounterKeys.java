package dev.ratel.core.rating;

/**
 * The durable codes counters are kept under, by identity: a subscription's pools, a number held on a
 * subscription, a plan's allowance by id. A code, once given, never changes and never goes to another
 * identity, so counters stay with their owner whatever is added to, removed from or reordered in the
 * reference data and the tariffs. The rating job keeps them in its home; tests and quotes on the heap.
 */
public interface CounterKeys {
    /** Answered by a read-only view for an identity that was never given a code: it has drawn nothing. */
    long NONE = -1;

    /** The code of a subscription's pools (its account-scope buckets). */
    long pool(String subscriptionId);

    /** The code of a number held on a subscription (its number-scope buckets). */
    long holding(String subscriptionId, String number);

    /** The code of an allowance of a plan, the same in every version of the plan; below {@link CounterStore#MAX_BUCKET_CODES}. */
    int bucket(String planId, String bucketId);

    /** The text a plan's allowance is known by in a dictionary of buckets (ids hold no control characters). */
    static String bucketIdentity(String planId, String bucketId) {
        return planId + "\u001F" + bucketId;
    }
}
