package dev.ratel.jobs.balances;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.BucketStart;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is left of a number's allowances on a day, as an operator's self-service page shows it:
 * each bucket of the plan version in force that the number is granted, then the account's pools,
 * with what was granted, what is available and when it is valid (from the 1st, or from the day the
 * number was connected for buckets that start at activation, until 23:59:59 on the last day of the
 * month in the plan's zone). Read from the rating job's off-heap counters.
 */
public final class Balances {
    /** One bucket's balance; {@code granted} and {@code available} are in {@code unit}, -1 for unlimited. */
    public record Line(String bucket, String description, String scope, String unit, long granted, long used, long available,
                       ZonedDateTime validFrom, ZonedDateTime validTo) {
        public boolean unlimited() {
            return granted < 0;
        }
    }

    /** A number's balances on a day. */
    public record View(String number, String accountId, String planId, String planName, LocalDate day, List<Line> lines) {
    }

    private Balances() {
    }

    /**
     * @throws IllegalArgumentException when the number is in no account, was not active that day,
     *     or its plan had no version in force
     */
    public static View of(String number, LocalDate day, ReferenceData reference, Map<String, TariffPlan> plans,
                          MappedCounterStore counters) {
        String accountId = reference.accountOfNumber().get(number);
        if (accountId == null) {
            throw new IllegalArgumentException("number " + number + " is in no account of numbers.csv");
        }
        NumberHolding holding = reference.numbers(accountId).stream().filter(n -> n.number().equals(number)).findFirst().orElseThrow();
        if (!holding.activeOn(day)) {
            throw new IllegalArgumentException("number " + number + " was not active on " + day + " (active from "
                    + holding.activeFrom() + (holding.activeTo() == null ? "" : " to " + holding.activeTo()) + ")");
        }
        TariffPlan plan = plans.get(reference.account(accountId).planId());
        PlanVersion version = plan.versions().stream().filter(v -> v.inForceOn(day)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan " + plan.id() + " has no version in force on " + day));
        YearMonth month = YearMonth.from(day);
        int period = CivilDates.period(month.getYear(), month.getMonthValue());
        List<String> accountIds = new ArrayList<>(reference.accounts().keySet());
        accountIds.sort(null);
        long pool = CounterStore.accountOwner(accountIds.indexOf(accountId));
        ZonedDateTime monthEnd = month.atEndOfMonth().atTime(LocalTime.of(23, 59, 59)).atZone(plan.zone());
        List<Line> lines = new ArrayList<>();
        for (BucketScope scope : new BucketScope[] {BucketScope.NUMBER, BucketScope.ACCOUNT}) {
            for (int b = 0; b < version.buckets().size(); b++) {
                AllowanceBucket bucket = version.buckets().get(b);
                if (bucket.scope() != scope || (scope == BucketScope.NUMBER && !bucket.numberKinds().contains(holding.kind()))) {
                    continue;
                }
                long used = counters.used(scope == BucketScope.ACCOUNT ? pool : Long.parseLong(number), b, period);
                LocalDate from = month.atDay(1);
                if (bucket.start() == BucketStart.ACTIVATION && holding.activeFrom().isAfter(from)) {
                    from = holding.activeFrom();
                }
                long granted = bucket.unlimited() ? -1 : bucket.amount();
                long available = bucket.unlimited() ? -1 : Math.max(0, bucket.amount() - used);
                lines.add(new Line(bucket.id(), bucket.description(), scope == BucketScope.ACCOUNT ? "account pool" : "number",
                        bucket.unit().name(), granted, used, available, from.atStartOfDay(plan.zone()), monthEnd));
            }
        }
        return new View(number, accountId, plan.id(), plan.name(), day, lines);
    }
}
