package dev.ratel.core.rating;

import java.util.HashMap;
import java.util.Map;

/** Counters on the heap, for tests, quotes and small runs. Not thread-safe. */
public final class InMemoryCounterStore implements CounterStore {
    private record Key(long owner, int bucket, int period) {
    }

    private final Map<Key, Long> used = new HashMap<>();

    @Override
    public long used(long owner, int bucketCode, int period) {
        return used.getOrDefault(new Key(owner, bucketCode, period), 0L);
    }

    @Override
    public void add(long owner, int bucketCode, int period, long units) {
        used.merge(new Key(owner, bucketCode, period), units, Math::addExact);
    }

    public void clear() {
        used.clear();
    }

    public int size() {
        return used.size();
    }
}
