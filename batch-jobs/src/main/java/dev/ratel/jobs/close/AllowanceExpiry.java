package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.state.ChronicleCounterStore;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What is left of every allowance at 23:59:59 on the period's last day (the plan's zone), read
 * from the off-heap counters: per number for number buckets, per account for pools. Unlimited
 * allowances have nothing to expire and are not listed. Counter owners and account indexes are
 * the rating job's ({@link CounterStore}).
 */
public final class AllowanceExpiry {
    private AllowanceExpiry() {
    }

    public static List<InvoiceStore.ExpiredAllowance> compute(YearMonth period, ReferenceData reference,
                                                              Map<String, TariffPlan> plans, ChronicleCounterStore counters) {
        List<String> accountIds = new ArrayList<>(reference.accounts().keySet());
        accountIds.sort(null);
        int periodKey = CivilDates.period(period.getYear(), period.getMonthValue());
        List<InvoiceStore.ExpiredAllowance> expired = new ArrayList<>();
        for (int accountIndex = 0; accountIndex < accountIds.size(); accountIndex++) {
            String accountId = accountIds.get(accountIndex);
            TariffPlan plan = plans.get(reference.account(accountId).planId());
            PlanVersion version = InvoiceBuilder.versionFor(plan, period);
            if (version == null || reference.account(accountId).openedOn().isAfter(period.atEndOfMonth())) {
                continue;
            }
            List<NumberHolding> numbers = reference.numbers(accountId);
            for (int b = 0; b < version.buckets().size(); b++) {
                AllowanceBucket bucket = version.buckets().get(b);
                if (bucket.unlimited()) {
                    continue;
                }
                if (bucket.scope() == BucketScope.ACCOUNT) {
                    long used = counters.used(CounterStore.accountOwner(accountIndex), b, periodKey);
                    expired.add(row(accountId, "account " + accountId, bucket, used));
                    continue;
                }
                for (NumberHolding number : numbers) {
                    if (bucket.numberKinds().contains(number.kind())
                            && number.activeBetween(period.atDay(1), period.atEndOfMonth())) {
                        long used = counters.used(Long.parseLong(number.number()), b, periodKey);
                        expired.add(row(accountId, number.number(), bucket, used));
                    }
                }
            }
        }
        return expired;
    }

    private static InvoiceStore.ExpiredAllowance row(String accountId, String owner, AllowanceBucket bucket, long used) {
        long granted = bucket.grantedUnits();
        return new InvoiceStore.ExpiredAllowance(accountId, owner, bucket.id(), bucket.unit().name(), granted,
                Math.min(used, granted), Math.max(0, granted - used));
    }
}
