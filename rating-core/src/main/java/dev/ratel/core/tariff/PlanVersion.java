package dev.ratel.core.tariff;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The terms of a plan in force from {@code validFrom} to {@code validTo} inclusive (null: open),
 * local dates in the plan's time zone. Usage is rated by the version in force at its start time;
 * fees by the version in force on the period's last day. {@code surcharge} is null when the plan adds
 * none.
 */
public record PlanVersion(LocalDate validFrom, LocalDate validTo, List<Rate> rates, List<AllowanceBucket> buckets,
                          List<UsageRule> rules, List<RecurringFee> fees, List<OneTimeFee> oneTimeFees,
                          List<AccountFlagRule> flagRules, Set<LocalDate> holidays, Surcharge surcharge) {
    public PlanVersion {
        Objects.requireNonNull(validFrom, "validFrom");
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("version from " + validFrom + " ends before it starts (" + validTo + ")");
        }
        rates = List.copyOf(rates);
        buckets = List.copyOf(buckets);
        rules = List.copyOf(rules);
        fees = List.copyOf(fees);
        oneTimeFees = List.copyOf(oneTimeFees);
        flagRules = List.copyOf(flagRules);
        holidays = new TreeSet<>(holidays);
    }

    /** A version without a surcharge. */
    public PlanVersion(LocalDate validFrom, LocalDate validTo, List<Rate> rates, List<AllowanceBucket> buckets,
                       List<UsageRule> rules, List<RecurringFee> fees, List<OneTimeFee> oneTimeFees,
                       List<AccountFlagRule> flagRules, Set<LocalDate> holidays) {
        this(validFrom, validTo, rates, buckets, rules, fees, oneTimeFees, flagRules, holidays, null);
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    public int bucketIndex(String id) {
        for (int i = 0; i < buckets.size(); i++) {
            if (buckets.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    public int rateIndex(String id) {
        for (int i = 0; i < rates.size(); i++) {
            if (rates.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
