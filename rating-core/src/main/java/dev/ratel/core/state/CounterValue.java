package dev.ratel.core.state;

/** A counter: units used, and the index of the rated-journal entry it last applied. */
public interface CounterValue {
    long getUsed();

    void setUsed(long used);

    long getLastApplied();

    void setLastApplied(long index);
}
