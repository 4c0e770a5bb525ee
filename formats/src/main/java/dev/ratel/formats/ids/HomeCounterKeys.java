package dev.ratel.formats.ids;

import dev.ratel.core.rating.CounterKeys;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The counter keys of a home: owners (subscriptions' pools, numbers on subscriptions) and buckets (a
 * plan's allowances by id) in two {@link IdDictionary dictionaries} under {@code HOME/ids}. Opened to
 * give codes (the rating job, which {@link #commit commits} them before it journals anything that uses
 * them) or to read only (reports: an identity without a code has drawn nothing, {@link CounterKeys#NONE}).
 */
public final class HomeCounterKeys implements CounterKeys, Closeable {
    private final IdDictionary owners;
    private final IdDictionary buckets;

    private HomeCounterKeys(IdDictionary owners, IdDictionary buckets) {
        this.owners = owners;
        this.buckets = buckets;
    }

    /** The dictionaries under {@code idsDirectory}, opened to give codes. */
    public static HomeCounterKeys open(Path idsDirectory) throws IOException {
        IdDictionary owners = IdDictionary.open(idsDirectory.resolve("owners.ids"));
        try {
            return new HomeCounterKeys(owners, IdDictionary.open(idsDirectory.resolve("buckets.ids")));
        } catch (IOException | RuntimeException e) {
            owners.close();
            throw e;
        }
    }

    /** The dictionaries under {@code idsDirectory}, read only (absent ones are empty). */
    public static HomeCounterKeys readOnly(Path idsDirectory) throws IOException {
        return new HomeCounterKeys(IdDictionary.readOnly(idsDirectory.resolve("owners.ids")),
                IdDictionary.readOnly(idsDirectory.resolve("buckets.ids")));
    }

    @Override
    public long pool(String subscriptionId) {
        return owner(CounterKeys.poolIdentity(subscriptionId));
    }

    @Override
    public long holding(String subscriptionId, String number) {
        return owner(CounterKeys.holdingIdentity(subscriptionId, number));
    }

    private long owner(String identity) {
        return codeIn(owners, identity);
    }

    private static int codeIn(IdDictionary dictionary, String identity) {
        int code = dictionary.code(identity);
        if (code < 0 && dictionary.writable()) {
            code = dictionary.codeFor(identity);
        }
        return code;
    }

    @Override
    public int bucket(String planId, String bucketId) {
        return codeIn(buckets, CounterKeys.bucketIdentity(planId, bucketId));
    }

    /** Makes the codes given so far durable: before anything that uses them is journalled. */
    public void commit() throws IOException {
        owners.commit();
        buckets.commit();
    }

    @Override
    public void close() throws IOException {
        try (owners) {
            buckets.close();
        }
    }
}
