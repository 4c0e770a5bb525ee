package dev.ratel.core.account;

import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.TariffPlan;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds, for a usage record, the charged number's account, kind and plan, and whether the number
 * was active at the record's start: a number's {@code active_from} and {@code active_to} are local
 * dates of its plan's time zone, from 00:00 of the first to the end of the last. Built once from the
 * reference data into primitive arrays; {@link #find} probes an open-addressing table of the
 * numbers (a binary search over 100 000 numbers missed the cache a dozen times per lookup, and
 * rating looks up every record's number and the other party of every call) that holds each number
 * beside its entry, whose fields lie side by side: two cache misses a look-up. It allocates nothing.
 * Immutable and safe to share between threads.
 */
public final class NumberDirectory {
    /** The number is in no account. */
    public static final int UNKNOWN_NUMBER = -1;
    /** The number exists but was not active at that instant. */
    public static final int NOT_ACTIVE = -2;
    private static final NumberKind[] KINDS = NumberKind.values();

    /**
     * Per entry, three longs side by side: active from, active until (epoch millis), and the account
     * index shifted left by 8 with the kind's ordinal below. One entry is one cache line, now and then
     * two adjacent ones; the fields in arrays of their own cost a cache miss each, five per look-up.
     */
    private final long[] entries;
    private final int size;
    private final String[] accountIds;
    private final TariffPlan[] planOfAccount;
    /** By the number's hash, linear probing, two longs a slot: the number + 1 (0: empty) and its entry. At most half full. */
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
    private static final int ENTRY_LONGS = 3;
    private static final int FROM = 0;
    private static final int UNTIL = 1;
    private static final int ACCOUNT_KIND = 2;

    private NumberDirectory(long[] numbers, long[] activeFromMillis, long[] activeUntilMillis, int[] accountOfEntry,
                            byte[] kindOfEntry, String[] accountIds, TariffPlan[] planOfAccount) {
        this.size = numbers.length;
        this.entries = new long[size * ENTRY_LONGS];
        for (int entry = 0; entry < size; entry++) {
            entries[entry * ENTRY_LONGS + FROM] = activeFromMillis[entry];
            entries[entry * ENTRY_LONGS + UNTIL] = activeUntilMillis[entry];
            entries[entry * ENTRY_LONGS + ACCOUNT_KIND] = (long) accountOfEntry[entry] << 8 | kindOfEntry[entry];
        }
        this.accountIds = accountIds;
        this.planOfAccount = planOfAccount;
        int capacity = Integer.highestOneBit(Math.max(16, size * 2 - 1)) << 1;
        this.slots = new long[capacity * 2];
        this.slotMask = capacity - 1;
        this.slotShift = 64 - Integer.numberOfTrailingZeros(capacity);
        for (int entry = 0; entry < size; entry++) {
            int slot = slotOf(numbers[entry]);
            while (slots[slot * 2] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 2] = numbers[entry] + 1;
            slots[slot * 2 + 1] = entry;
        }
        int memberBits = memberBitsFor(size);
        this.members = new long[memberBits / 64];
        this.memberShift = 64 - Integer.numberOfTrailingZeros(memberBits);
        for (int entry = 0; entry < size; entry++) {
            int bit = memberBit(numbers[entry]);
            members[bit >>> 6] |= 1L << bit;
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

    private int entryOf(long number) {
        long key = number + 1; // numbers are digits, never -1: 0 marks an empty slot
        for (int slot = slotOf(number); ; slot = (slot + 1) & slotMask) {
            long held = slots[slot * 2];
            if (held == key) {
                return (int) slots[slot * 2 + 1];
            }
            if (held == 0) {
                return -1;
            }
        }
    }

    /**
     * Builds the directory.
     *
     * @throws IllegalArgumentException when an account's plan is missing or a number appears twice
     *     (the reference loader reports both with their lines first)
     */
    public static NumberDirectory build(ReferenceData data, Map<String, TariffPlan> plans) {
        List<String> accountIds = new ArrayList<>(data.accounts().keySet());
        accountIds.sort(Comparator.naturalOrder());
        TariffPlan[] planOfAccount = new TariffPlan[accountIds.size()];
        record Entry(long number, long from, long until, int account, NumberKind kind) {
        }
        List<Entry> entries = new ArrayList<>();
        for (int a = 0; a < accountIds.size(); a++) {
            Account account = data.account(accountIds.get(a));
            TariffPlan plan = plans.get(account.planId());
            if (plan == null) {
                throw new IllegalArgumentException("account " + account.id() + " has plan " + account.planId() + ", which is not loaded");
            }
            planOfAccount[a] = plan;
            for (NumberHolding holding : data.numbers(account.id())) {
                long from = startOf(holding.activeFrom(), plan);
                long until = holding.activeTo() == null ? Long.MAX_VALUE : startOf(holding.activeTo().plusDays(1), plan);
                entries.add(new Entry(Long.parseLong(holding.number()), from, until, a, holding.kind()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::number));
        int n = entries.size();
        long[] numbers = new long[n];
        long[] from = new long[n];
        long[] until = new long[n];
        int[] account = new int[n];
        byte[] kind = new byte[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            if (i > 0 && numbers[i - 1] == e.number()) {
                throw new IllegalArgumentException("number " + e.number() + " belongs to two accounts");
            }
            numbers[i] = e.number();
            from[i] = e.from();
            until[i] = e.until();
            account[i] = e.account();
            kind[i] = (byte) e.kind().ordinal();
        }
        return new NumberDirectory(numbers, from, until, account, kind, accountIds.toArray(new String[0]), planOfAccount);
    }

    private static long startOf(LocalDate day, TariffPlan plan) {
        return day.atStartOfDay(plan.zone()).toInstant().toEpochMilli();
    }

    /**
     * The entry of {@code number} if it was active at {@code epochMillis}; otherwise
     * {@link #UNKNOWN_NUMBER} or {@link #NOT_ACTIVE}.
     */
    public int find(long number, long epochMillis) {
        int entry = entryOf(number);
        if (entry < 0) {
            return UNKNOWN_NUMBER;
        }
        int at = entry * ENTRY_LONGS;
        return epochMillis >= entries[at + FROM] && epochMillis < entries[at + UNTIL] ? entry : NOT_ACTIVE;
    }

    /** Whether {@code other} is a number of the entry's own account, active at that instant (a closed group). */
    public boolean sameAccount(int entry, long other, long epochMillis) {
        int bit = memberBit(other);
        if ((members[bit >>> 6] & 1L << bit) == 0) {
            return false;
        }
        int otherEntry = find(other, epochMillis);
        return otherEntry >= 0 && accountIndex(otherEntry) == accountIndex(entry);
    }

    public int accountIndex(int entry) {
        return (int) (entries[entry * ENTRY_LONGS + ACCOUNT_KIND] >>> 8);
    }

    public NumberKind kind(int entry) {
        return KINDS[(int) entries[entry * ENTRY_LONGS + ACCOUNT_KIND] & 0xFF];
    }

    public TariffPlan plan(int entry) {
        return planOfAccount[accountIndex(entry)];
    }

    public String accountId(int accountIndex) {
        return accountIds[accountIndex];
    }

    public int accountCount() {
        return accountIds.length;
    }

    public int size() {
        return size;
    }
}
