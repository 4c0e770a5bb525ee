package dev.ratel.core.rating;

import java.util.HashMap;
import java.util.Map;

/** Counter keys on the heap, given in the order first asked for: for tests, quotes and small runs. Not thread-safe. */
public final class InMemoryCounterKeys implements CounterKeys {
    private final Map<String, Long> owners = new HashMap<>();
    private final Map<String, Integer> buckets = new HashMap<>();

    @Override
    public long pool(String subscriptionId) {
        return owners.computeIfAbsent("pool\u001F" + subscriptionId, k -> (long) owners.size());
    }

    @Override
    public long holding(String subscriptionId, String number) {
        return owners.computeIfAbsent("holding\u001F" + subscriptionId + "\u001F" + number, k -> (long) owners.size());
    }

    @Override
    public int bucket(String planId, String bucketId) {
        return buckets.computeIfAbsent(CounterKeys.bucketIdentity(planId, bucketId), k -> buckets.size());
    }
}
