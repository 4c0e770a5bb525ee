package dev.ratel.formats.ids;

import dev.ratel.core.rating.CounterKeys;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The counter keys of a home, in three dictionaries under {@code HOME/ids}: {@code subscriptions.ids}
 * (subscription ids, an {@link IdDictionary}), {@code holdings.ids} (a number on a subscription, a
 * {@link HoldingDictionary}) and {@code buckets.ids} (a plan's allowance by id). Pools and holdings share
 * the counters' owner codes: a holding's is twice its code, a subscription's pool twice its code plus
 * one. Opened to give codes (the rating job, which {@link #commit commits} them before it journals
 * anything that uses them) or to read only (reports: an identity without a code has drawn nothing,
 * {@link CounterKeys#NONE}).
 */
public final class HomeCounterKeys implements CounterKeys, Closeable {
    private final IdDictionary subscriptions;
    private final HoldingDictionary holdings;
    private final IdDictionary buckets;
    /** The last subscription asked for: a directory asks for an account's holdings one after another. */
    private String lastSubscription;
    private int lastSubscriptionCode;

    private HomeCounterKeys(IdDictionary subscriptions, HoldingDictionary holdings, IdDictionary buckets) {
        this.subscriptions = subscriptions;
        this.holdings = holdings;
        this.buckets = buckets;
    }

    /** The dictionaries under {@code idsDirectory}, opened to give codes. */
    public static HomeCounterKeys open(Path idsDirectory) throws IOException {
        return open(idsDirectory, 0);
    }

    /** {@link #open(Path)}, with room for {@code expectedHoldings} numbers on subscriptions. */
    public static HomeCounterKeys open(Path idsDirectory, int expectedHoldings) throws IOException {
        IdDictionary subscriptions = IdDictionary.open(idsDirectory.resolve("subscriptions.ids"));
        HoldingDictionary holdings = null;
        try {
            holdings = HoldingDictionary.open(idsDirectory.resolve("holdings.ids"), expectedHoldings);
            return new HomeCounterKeys(subscriptions, holdings, IdDictionary.open(idsDirectory.resolve("buckets.ids")));
        } catch (IOException | RuntimeException e) {
            subscriptions.close();
            if (holdings != null) {
                holdings.close();
            }
            throw e;
        }
    }

    /** The dictionaries under {@code idsDirectory}, read only (absent ones are empty). */
    public static HomeCounterKeys readOnly(Path idsDirectory) throws IOException {
        return new HomeCounterKeys(IdDictionary.readOnly(idsDirectory.resolve("subscriptions.ids")),
                HoldingDictionary.readOnly(idsDirectory.resolve("holdings.ids")), IdDictionary.readOnly(idsDirectory.resolve("buckets.ids")));
    }

    @Override
    public long pool(String subscriptionId) {
        int code = subscriptionCode(subscriptionId);
        return code < 0 ? NONE : 2L * code + 1;
    }

    @Override
    public long holding(String subscriptionId, String number) {
        int subscription = subscriptionCode(subscriptionId);
        if (subscription < 0) {
            return NONE;
        }
        long digits = Long.parseLong(number);
        int code = holdings.writable() ? holdings.codeFor(subscription, digits) : holdings.code(subscription, digits);
        return code < 0 ? NONE : 2L * code;
    }

    private int subscriptionCode(String subscriptionId) {
        if (!subscriptionId.equals(lastSubscription)) {
            lastSubscriptionCode = codeIn(subscriptions, subscriptionId);
            lastSubscription = subscriptionId;
        }
        return lastSubscriptionCode;
    }

    @Override
    public int bucket(String planId, String bucketId) {
        return codeIn(buckets, CounterKeys.bucketIdentity(planId, bucketId));
    }

    private static int codeIn(IdDictionary dictionary, String identity) {
        return dictionary.writable() ? dictionary.codeFor(identity) : dictionary.code(identity);
    }

    /** Whether no subscription has a code yet: a new home, or one whose codes were lost. */
    public boolean isEmpty() {
        return subscriptions.size() == 0;
    }

    /** Makes the codes given so far durable: before anything that uses them is journalled. */
    public void commit() throws IOException {
        subscriptions.commit();
        holdings.commit();
        buckets.commit();
    }

    @Override
    public void close() throws IOException {
        try (subscriptions; holdings) {
            buckets.close();
        }
    }
}
