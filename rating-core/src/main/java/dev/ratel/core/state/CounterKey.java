package dev.ratel.core.state;

/**
 * The key of a counter: its owner (a number, or an account pool's negative key), the bucket and the
 * period. An interface so Chronicle Values can lay it out off-heap as 16 fixed bytes.
 */
public interface CounterKey {
    long getOwner();

    void setOwner(long owner);

    /** The period (year * 12 + month - 1) in the high 24 bits, the bucket index in the low 8. */
    int getPeriodAndBucket();

    void setPeriodAndBucket(int periodAndBucket);
}
