package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** What was left of one allowance when its period closed; units as the bucket counts them. */
    public record Expired(String accountId, String owner, String bucket, String unit, long granted, long used, long expired) {
    }

    private AllowanceExpiry() {
    }

    /** Where the expire step keeps a period's expiry, written once, before the period's files. */
    public static Path file(Path home, String period) {
        return home.resolve("periods").resolve(period).resolve("allowances-expired.csv");
    }

    /** Reads a file written by {@link PeriodOutputs#writeExpiry}. */
    public static List<Expired> read(Path file) throws IOException {
        List<Expired> rows = new ArrayList<>();
        try (java.io.Reader reader = Files.newBufferedReader(file);
             org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                     .setSkipHeaderRecord(true).get().parse(reader)) {
            for (org.apache.commons.csv.CSVRecord row : parser) {
                rows.add(new Expired(row.get("account_id"), row.get("owner"), row.get("bucket"), row.get("unit"),
                        Long.parseLong(row.get("granted")), Long.parseLong(row.get("used")), Long.parseLong(row.get("expired"))));
            }
        }
        return rows;
    }

    public static List<AllowanceExpiry.Expired> compute(YearMonth period, ReferenceData reference,
                                                              Map<String, TariffPlan> plans, MappedCounterStore counters) {
        List<String> accountIds = new ArrayList<>(reference.accounts().keySet());
        accountIds.sort(null);
        int periodKey = CivilDates.period(period.getYear(), period.getMonthValue());
        List<AllowanceExpiry.Expired> expired = new ArrayList<>();
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

    private static AllowanceExpiry.Expired row(String accountId, String owner, AllowanceBucket bucket, long used) {
        long granted = bucket.grantedUnits();
        return new AllowanceExpiry.Expired(accountId, owner, bucket.id(), bucket.unit().name(), granted,
                Math.min(used, granted), Math.max(0, granted - used));
    }
}
