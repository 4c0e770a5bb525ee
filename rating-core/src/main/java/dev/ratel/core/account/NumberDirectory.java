package dev.ratel.core.account;

import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.CounterKeys;
import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds, for a usage record, the charged number's holding at the record's start: the account, the
 * plan of the subscription it is held on, its kind, and the durable counter owners of the holding and
 * of the subscription's pools. A holding's dates are local dates of its plan's time zone, from 00:00
 * of the first to the end of the last; a number that moved between accounts or plans has a holding
 * for each, and the one in force at the instant answers.
 *
 * <p>Built once from the reference data into primitive arrays; {@link #find} probes an
 * open-addressing table of the numbers (a binary search over 100 000 numbers missed the cache a dozen
 * times per lookup, and rating looks up every record's number and the other party of every call)
 * whose slot holds the number beside its first entry and how many it has; an entry's fields lie side
 * by side: two cache misses a look-up. It allocates nothing. Immutable and safe to share between
 * threads.
 */
public final class NumberDirectory {
    /** The number is in no account. */
    public static final int UNKNOWN_NUMBER = -1;
    /** The number exists but no account held it at that instant. */
    public static final int NOT_ACTIVE = -2;
    private static final NumberKind[] KINDS = NumberKind.values();

    /**
     * Per entry, four longs side by side: active from and until (epoch millis), then
     * {@code account index << 24 | plan index << 8 | kind ordinal}, then
     * {@code holding owner code << 32 | pool owner code}. Entries of one number are consecutive, by start.
     */
    private final long[] entries;
    private final int size;
    private final String[] accountIds;
    private final TariffPlan[] plans;
    /** Durable bucket codes by plan index, version index and the version's bucket index. */
    private final int[][][] bucketCodes;
    /** By the number's hash, linear probing, two longs a slot: the number + 1 (0: empty), then {@code count << 32 | first entry}. At most half full. */
    private final long[] slots;
    private final int slotMask;
    private final int slotShift;
    /**
     * One bit per hash of a number, sixteen bits or more per number: a number whose bit is clear is in
     * no account. The other party of a call is mostly no customer's (another operator's, a landline),
     * and its look-up in {@link #slots} missed the cache once a call; this set fits in a core's own
     * cache (256 KB at 100 000 numbers) and answers "none" at once for about 19 in 20 of those.
     */
    private final long[] members;
    private final int memberShift;
    private static final int ENTRY_LONGS = 4;
    private static final int FROM = 0;
    private static final int UNTIL = 1;
    private static final int ACCOUNT_PLAN_KIND = 2;
    private static final int OWNERS = 3;

    private record Entry(long number, long from, long until, int account, int plan, NumberKind kind, long holding, long pool,
                         boolean continuesEarlier) {
        Entry until(long instant) {
            return new Entry(number, from, instant, account, plan, kind, holding, pool, continuesEarlier);
        }
    }

    private NumberDirectory(List<Entry> sorted, String[] accountIds, TariffPlan[] plans, int[][][] bucketCodes) {
        this.size = sorted.size();
        this.entries = new long[size * ENTRY_LONGS];
        this.accountIds = accountIds;
        this.plans = plans;
        this.bucketCodes = bucketCodes;
        int distinct = 0;
        for (int entry = 0; entry < size; entry++) {
            Entry e = sorted.get(entry);
            int at = entry * ENTRY_LONGS;
            entries[at + FROM] = e.from();
            entries[at + UNTIL] = e.until();
            entries[at + ACCOUNT_PLAN_KIND] = (long) e.account() << 24 | (long) e.plan() << 8 | e.kind().ordinal();
            entries[at + OWNERS] = e.holding() << 32 | e.pool();
            if (entry == 0 || sorted.get(entry - 1).number() != e.number()) {
                distinct++;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(16, distinct * 2 - 1)) << 1;
        this.slots = new long[capacity * 2];
        this.slotMask = capacity - 1;
        this.slotShift = 64 - Integer.numberOfTrailingZeros(capacity);
        int memberBits = memberBitsFor(distinct);
        this.members = new long[memberBits / 64];
        this.memberShift = 64 - Integer.numberOfTrailingZeros(memberBits);
        for (int first = 0; first < size; ) {
            long number = sorted.get(first).number();
            int count = 1;
            while (first + count < size && sorted.get(first + count).number() == number) {
                count++;
            }
            int slot = slotOf(number);
            while (slots[slot * 2] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 2] = number + 1;
            slots[slot * 2 + 1] = (long) count << 32 | first;
            int bit = memberBit(number);
            members[bit >>> 6] |= 1L << bit;
            first += count;
        }
    }

    /**
     * The bit set's size for {@code numbers} numbers: a power of two of at least sixteen bits a number,
     * at most 2^30 bits (128 MB, reached at 67 million numbers; past it the set only answers less often).
     */
    static int memberBitsFor(int numbers) {
        long wanted = Math.max(64L, numbers * 16L);
        return (int) Math.min(1L << 30, Long.highestOneBit(wanted - 1) << 1);
    }

    private int memberBit(long number) {
        // another multiplier than the slots': a number's bit says nothing of its slot
        return (int) ((number * 0xC2B2AE3D27D4EB4FL) >>> memberShift);
    }

    private int slotOf(long number) {
        // Fibonacci hashing: the product's top bits, so numbers that differ in their last digits spread out
        return (int) ((number * 0x9E3779B97F4A7C15L) >>> slotShift);
    }

    /** {@code count << 32 | first entry} of the number, or -1. */
    private long entriesOf(long number) {
        long key = number + 1; // numbers are digits, never -1: 0 marks an empty slot
        for (int slot = slotOf(number); ; slot = (slot + 1) & slotMask) {
            long held = slots[slot * 2];
            if (held == key) {
                return slots[slot * 2 + 1];
            }
            if (held == 0) {
                return -1;
            }
        }
    }

    /**
     * Builds the directory of every holding in the reference data, with the durable counter codes of
     * each holding, each subscription's pools and each plan's buckets from {@code keys}.
     *
     * @throws IllegalArgumentException when a subscription's plan is not loaded or a number's holdings
     *     overlap (the reference loader reports both with their lines first)
     */
    public static NumberDirectory build(ReferenceData data, Map<String, TariffPlan> plans, CounterKeys keys) {
        List<String> accountIds = new ArrayList<>(data.accounts().keySet());
        accountIds.sort(Comparator.naturalOrder());
        // plans in id order: their indexes are the same on every build of the same data
        List<String> planIds = new ArrayList<>(new TreeSet<>(plansHeld(data)));
        Map<String, Integer> planIndex = new HashMap<>();
        TariffPlan[] planOfIndex = new TariffPlan[planIds.size()];
        int[][][] codes = new int[planIds.size()][][];
        for (int p = 0; p < planIds.size(); p++) {
            TariffPlan plan = plans.get(planIds.get(p));
            if (plan == null) {
                throw new IllegalArgumentException("a subscription holds plan " + planIds.get(p) + ", which is not loaded");
            }
            planIndex.put(plan.id(), p);
            planOfIndex[p] = plan;
            codes[p] = bucketCodes(plan, keys);
        }
        List<Entry> entries = new ArrayList<>(data.holdingCount());
        StartOfDay startOfDay = new StartOfDay();
        for (int a = 0; a < accountIds.size(); a++) {
            String accountId = accountIds.get(a);
            // an account's holdings come by number: its subscription, plan and pool are looked up when they change
            String subscriptionId = null;
            TariffPlan plan = null;
            int planIndexOf = -1;
            long pool = 0;
            for (NumberHolding holding : data.numbers(accountId)) {
                if (!holding.subscriptionId().equals(subscriptionId)) {
                    subscriptionId = holding.subscriptionId();
                    Subscription subscription = data.subscription(subscriptionId);
                    planIndexOf = planIndex.get(subscription.planId());
                    plan = planOfIndex[planIndexOf];
                    pool = ownerCode(keys.pool(subscriptionId));
                }
                long from = startOfDay.of(holding.activeFrom(), plan);
                long until = holding.activeTo() == null ? Long.MAX_VALUE : startOfDay.of(holding.activeTo().plusDays(1), plan);
                entries.add(new Entry(Long.parseLong(holding.number()), from, until, a, planIndexOf, holding.kind(),
                        ownerCode(keys.holding(subscriptionId, holding.number())), pool, holding.continuesEarlier()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::number).thenComparingLong(Entry::from));
        for (int i = 1; i < entries.size(); i++) {
            Entry before = entries.get(i - 1);
            Entry e = entries.get(i);
            if (before.number() == e.number() && e.continuesEarlier() && before.until() != e.from()) {
                // held from one day to the next on plans of two time zones: the holding ends when the next begins, so the
                // hours between the two midnights neither overlap nor fall between them
                entries.set(i - 1, before = before.until(e.from()));
            }
            if (before.number() == e.number() && before.until() > e.from()) {
                throw new IllegalArgumentException("number " + e.number() + " is held by two holdings at once");
            }
        }
        return new NumberDirectory(entries, accountIds.toArray(new String[0]), planOfIndex, codes);
    }

    private static List<String> plansHeld(ReferenceData data) {
        List<String> held = new ArrayList<>();
        for (Subscription subscription : data.subscriptions().values()) {
            held.add(subscription.planId());
        }
        return held;
    }

    private static int[][] bucketCodes(TariffPlan plan, CounterKeys keys) {
        int[][] byVersion = new int[plan.versions().size()][];
        for (int v = 0; v < byVersion.length; v++) {
            PlanVersion version = plan.versions().get(v);
            byVersion[v] = new int[version.buckets().size()];
            for (int b = 0; b < byVersion[v].length; b++) {
                AllowanceBucket bucket = version.buckets().get(b);
                int code = keys.bucket(plan.id(), bucket.id());
                if (code < 0 || code >= CounterStore.MAX_BUCKET_CODES) {
                    throw new IllegalArgumentException("allowance " + bucket.id() + " of plan " + plan.id() + " has no counter code");
                }
                byVersion[v][b] = code;
            }
        }
        return byVersion;
    }

    private static long ownerCode(long code) {
        if (code < 0 || code > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("counter owner code out of range: " + code);
        }
        return code;
    }

    /** The first instant of a local day in a plan's zone; most holdings share a start, so the last answer is kept. */
    private static final class StartOfDay {
        private LocalDate day;
        private java.time.ZoneId zone;
        private long millis;

        long of(LocalDate day, TariffPlan plan) {
            if (!day.equals(this.day) || !plan.zone().equals(zone)) {
                this.day = day;
                this.zone = plan.zone();
                this.millis = day.atStartOfDay(zone).toInstant().toEpochMilli();
            }
            return millis;
        }
    }

    /**
     * The entry of {@code number}'s holding at {@code epochMillis}; otherwise {@link #UNKNOWN_NUMBER}
     * (never held) or {@link #NOT_ACTIVE} (not held then).
     */
    public int find(long number, long epochMillis) {
        long found = entriesOf(number);
        if (found < 0) {
            return UNKNOWN_NUMBER;
        }
        int first = (int) found;
        int end = first + (int) (found >>> 32);
        for (int entry = first; entry < end; entry++) {
            int at = entry * ENTRY_LONGS;
            if (epochMillis < entries[at + FROM]) {
                break;
            }
            if (epochMillis < entries[at + UNTIL]) {
                return entry;
            }
        }
        return NOT_ACTIVE;
    }

    /** Whether {@code other} is a number the entry's own account held at that instant (a closed group). */
    public boolean sameAccount(int entry, long other, long epochMillis) {
        int bit = memberBit(other);
        if ((members[bit >>> 6] & 1L << bit) == 0) {
            return false;
        }
        int otherEntry = find(other, epochMillis);
        return otherEntry >= 0 && accountIndex(otherEntry) == accountIndex(entry);
    }

    /** The account's index among this directory's accounts (sorted by id): for this run only, never kept. */
    public int accountIndex(int entry) {
        return (int) (entries[entry * ENTRY_LONGS + ACCOUNT_PLAN_KIND] >>> 24);
    }

    public NumberKind kind(int entry) {
        return KINDS[(int) entries[entry * ENTRY_LONGS + ACCOUNT_PLAN_KIND] & 0xFF];
    }

    /** The plan of the subscription the number is held on. */
    public TariffPlan plan(int entry) {
        return plans[(int) (entries[entry * ENTRY_LONGS + ACCOUNT_PLAN_KIND] >>> 8) & 0xFFFF];
    }

    /** The durable code of each bucket of the entry's plan's version {@code versionIndex}, by the version's bucket index. */
    public int[] bucketCodes(int entry, int versionIndex) {
        return bucketCodes[(int) (entries[entry * ENTRY_LONGS + ACCOUNT_PLAN_KIND] >>> 8) & 0xFFFF][versionIndex];
    }

    /** The counter owner of the number on its subscription (number-scope buckets). */
    public long holdingOwner(int entry) {
        return entries[entry * ENTRY_LONGS + OWNERS] >>> 32;
    }

    /** The counter owner of the subscription's pools (account-scope buckets). */
    public long poolOwner(int entry) {
        return entries[entry * ENTRY_LONGS + OWNERS] & 0xFFFF_FFFFL;
    }

    public String accountId(int accountIndex) {
        return accountIds[accountIndex];
    }

    public int accountCount() {
        return accountIds.length;
    }

    /** Holdings in the directory. */
    public int size() {
        return size;
    }
}
