package dev.ratel.jobs.balances;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.account.Subscription;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.CounterKeys;
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
 * each bucket of the plan version in force that the number is granted, then its subscription's pools,
 * with what was granted, what is available and when it is valid (from the 1st, or from the day the
 * number was connected for buckets that start at activation, until 23:59:59 on the last day of the
 * month in the plan's zone). Read from the rating job's off-heap counters under their durable keys.
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
     * @throws IllegalArgumentException when the number is in no account, was not held that day,
     *     or its plan had no version in force
     */
    public static View of(String number, LocalDate day, ReferenceData reference, Map<String, TariffPlan> plans,
                          MappedCounterStore counters, CounterKeys keys) {
        List<NumberHolding> holdings = reference.holdingsOf(number);
        if (holdings.isEmpty()) {
            throw new IllegalArgumentException("number " + number + " is in no account of numbers.csv");
        }
        NumberHolding holding = reference.holdingOn(number, day);
        if (holding == null) {
            NumberHolding latest = holdings.get(holdings.size() - 1);
            throw new IllegalArgumentException("number " + number + " was not held on " + day + " (held from "
                    + holdings.get(0).activeFrom() + (latest.activeTo() == null ? "" : " to " + latest.activeTo())
                    + (holdings.size() > 1 ? ", with gaps or moves between accounts" : "") + ")");
        }
        Subscription subscription = reference.subscription(holding.subscriptionId());
        TariffPlan plan = plans.get(subscription.planId());
        PlanVersion version = plan.versions().stream().filter(v -> v.inForceOn(day)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan " + plan.id() + " has no version in force on " + day));
        YearMonth month = YearMonth.from(day);
        int period = CivilDates.period(month.getYear(), month.getMonthValue());
        ZonedDateTime monthEnd = month.atEndOfMonth().atTime(LocalTime.of(23, 59, 59)).atZone(plan.zone());
        LocalDate heldSince = holding.activeFrom();
        for (NumberHolding earlier : holdings) {
            // a number moved onto this subscription keeps the day it was connected
            if (earlier.activeTo() != null && earlier.activeTo().plusDays(1).equals(heldSince) && holding.continuesEarlier()) {
                heldSince = earlier.activeFrom();
            }
        }
        List<Line> lines = new ArrayList<>();
        for (BucketScope scope : new BucketScope[] {BucketScope.NUMBER, BucketScope.ACCOUNT}) {
            for (AllowanceBucket bucket : version.buckets()) {
                if (bucket.scope() != scope || (scope == BucketScope.NUMBER && !bucket.numberKinds().contains(holding.kind()))) {
                    continue;
                }
                long owner = scope == BucketScope.ACCOUNT ? keys.pool(subscription.id()) : keys.holding(subscription.id(), number);
                int code = keys.bucket(plan.id(), bucket.id());
                long used = owner == CounterKeys.NONE || code < 0 ? 0 : counters.used(owner, code, period);
                LocalDate from = month.atDay(1);
                if (bucket.start() == BucketStart.ACTIVATION && heldSince.isAfter(from)) {
                    from = heldSince;
                }
                long granted = bucket.unlimited() ? -1 : bucket.amount();
                long available = bucket.unlimited() ? -1 : Math.max(0, bucket.amount() - used);
                lines.add(new Line(bucket.id(), bucket.description(), scope == BucketScope.ACCOUNT ? "account pool" : "number",
                        bucket.unit().name(), granted, used, available, from.atStartOfDay(plan.zone()), monthEnd));
            }
        }
        return new View(number, holding.accountId(), plan.id(), plan.name(), day, lines);
    }
}
