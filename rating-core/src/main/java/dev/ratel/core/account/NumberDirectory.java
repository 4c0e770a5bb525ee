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
 * rating looks up every record's number and the other party of every call) and allocates nothing.
 * Immutable and safe to share between threads.
 */
public final class NumberDirectory {
    /** The number is in no account. */
    public static final int UNKNOWN_NUMBER = -1;
    /** The number exists but was not active at that instant. */
    public static final int NOT_ACTIVE = -2;
    private static final NumberKind[] KINDS = NumberKind.values();

    private final long[] numbers;
    private final long[] activeFromMillis;
    private final long[] activeUntilMillis;
    private final int[] accountOfEntry;
    private final byte[] kindOfEntry;
    private final String[] accountIds;
    private final TariffPlan[] planOfAccount;
    /** Entry + 1 by the number's hash, linear probing; 0 is an empty slot. At most half full. */
    private final int[] slots;
    private final int slotMask;
    private final int slotShift;

    private NumberDirectory(long[] numbers, long[] activeFromMillis, long[] activeUntilMillis, int[] accountOfEntry,
                            byte[] kindOfEntry, String[] accountIds, TariffPlan[] planOfAccount) {
        this.numbers = numbers;
        this.activeFromMillis = activeFromMillis;
        this.activeUntilMillis = activeUntilMillis;
        this.accountOfEntry = accountOfEntry;
        this.kindOfEntry = kindOfEntry;
        this.accountIds = accountIds;
        this.planOfAccount = planOfAccount;
        int capacity = Integer.highestOneBit(Math.max(16, numbers.length * 2 - 1)) << 1;
        this.slots = new int[capacity];
        this.slotMask = capacity - 1;
        this.slotShift = 64 - Integer.numberOfTrailingZeros(capacity);
        for (int entry = 0; entry < numbers.length; entry++) {
            int slot = slotOf(numbers[entry]);
            while (slots[slot] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot] = entry + 1;
        }
    }

    private int slotOf(long number) {
        // Fibonacci hashing: the product's top bits, so numbers that differ in their last digits spread out
        return (int) ((number * 0x9E3779B97F4A7C15L) >>> slotShift);
    }

    private int entryOf(long number) {
        for (int slot = slotOf(number); ; slot = (slot + 1) & slotMask) {
            int entry = slots[slot] - 1;
            if (entry < 0 || numbers[entry] == number) {
                return entry;
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
        return epochMillis >= activeFromMillis[entry] && epochMillis < activeUntilMillis[entry] ? entry : NOT_ACTIVE;
    }

    /** Whether {@code other} is a number of the entry's own account, active at that instant (a closed group). */
    public boolean sameAccount(int entry, long other, long epochMillis) {
        int otherEntry = find(other, epochMillis);
        return otherEntry >= 0 && accountOfEntry[otherEntry] == accountOfEntry[entry];
    }

    public int accountIndex(int entry) {
        return accountOfEntry[entry];
    }

    public NumberKind kind(int entry) {
        return KINDS[kindOfEntry[entry]];
    }

    public TariffPlan plan(int entry) {
        return planOfAccount[accountOfEntry[entry]];
    }

    public String accountId(int accountIndex) {
        return accountIds[accountIndex];
    }

    public int accountCount() {
        return accountIds.length;
    }

    public int size() {
        return numbers.length;
    }
}
