package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.account.Subscription;
import dev.ratel.core.rating.CounterKeys;
import java.time.LocalDate;
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
 * allowances have nothing to expire and are not listed. Counters are read under the durable keys the
 * rating job gave them ({@link CounterKeys}).
 */
public final class AllowanceExpiry {
    /** What was left of one allowance when its period closed; units as the bucket counts them. */
    public record Expired(String accountId, String owner, String bucket, String unit, long granted, long used, long expired) {
    }

    private AllowanceExpiry() {
    }

    /** Where the expire step keeps a period's expiry, written once, before the period's files. */
    public static Path file(Path home, String period) {
        return dev.ratel.jobs.home.HomeLayout.period(home, period).resolve("allowances-expired.csv");
    }

    /** Reads a file written by {@link PeriodOutputs#writeExpiry}. */
    public static List<Expired> read(Path file) throws IOException {
        List<Expired> rows = new ArrayList<>();
        forEach(file, rows::add);
        return rows;
    }

    /** How many allowances a file written by {@link PeriodOutputs#writeExpiry} lists, read row by row. */
    public static int count(Path file) throws IOException {
        int[] rows = {0};
        forEach(file, row -> rows[0]++);
        return rows[0];
    }

    /** Streams the rows of a file written by {@link PeriodOutputs#writeExpiry}: a period's expiry can be millions of rows. */
    public static void forEach(Path file, java.util.function.Consumer<Expired> visitor) throws IOException {
        try (java.io.Reader reader = Files.newBufferedReader(file);
             org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                     .setSkipHeaderRecord(true).get().parse(reader)) {
            for (org.apache.commons.csv.CSVRecord row : parser) {
                visitor.accept(new Expired(row.get("account_id"), row.get("owner"), row.get("bucket"), row.get("unit"),
                        Long.parseLong(row.get("granted")), Long.parseLong(row.get("used")), Long.parseLong(row.get("expired"))));
            }
        }
    }

    /**
     * What is left of every limited allowance of every subscription in force in the period: per number held on
     * it for number buckets, per subscription for pools, read under the counters' durable keys.
     */
    public static List<AllowanceExpiry.Expired> compute(YearMonth period, ReferenceData reference,
                                                       Map<String, TariffPlan> plans, MappedCounterStore counters, CounterKeys keys) {
        List<String> accountIds = new ArrayList<>(reference.accounts().keySet());
        accountIds.sort(null);
        int periodKey = CivilDates.period(period.getYear(), period.getMonthValue());
        LocalDate first = period.atDay(1);
        LocalDate last = period.atEndOfMonth();
        List<AllowanceExpiry.Expired> expired = new ArrayList<>();
        for (String accountId : accountIds) {
            for (Subscription subscription : reference.subscriptionsOf(accountId, first, last)) {
                TariffPlan plan = plans.get(subscription.planId());
                PlanVersion version = InvoiceBuilder.versionFor(plan, subscription.firstDayWithin(first), subscription.lastDayWithin(last));
                if (version == null) {
                    continue;
                }
                List<NumberHolding> numbers = reference.holdings(subscription.id());
                java.util.Set<String> listed = new java.util.HashSet<>();
                for (AllowanceBucket bucket : version.buckets()) {
                    if (bucket.unlimited()) {
                        continue;
                    }
                    int code = keys.bucket(plan.id(), bucket.id());
                    if (bucket.scope() == BucketScope.ACCOUNT) {
                        long used = used(counters, keys.pool(subscription.id()), code, periodKey);
                        String owner = subscription.id().equals(accountId) ? "account " + accountId : "subscription " + subscription.id();
                        expired.add(row(accountId, owner, bucket, used));
                        continue;
                    }
                    for (NumberHolding number : numbers) {
                        if (bucket.numberKinds().contains(number.kind()) && number.activeBetween(first, last)
                                && listed.add(bucket.id() + '\u001F' + number.number())) {
                            long used = used(counters, keys.holding(subscription.id(), number.number()), code, periodKey);
                            expired.add(row(accountId, number.number(), bucket, used));
                        }
                    }
                }
            }
        }
        return expired;
    }

    /** A counter's units used; an owner or bucket the home never gave a code has used nothing. */
    private static long used(MappedCounterStore counters, long owner, int bucketCode, int period) {
        return owner == CounterKeys.NONE || bucketCode < 0 ? 0 : counters.used(owner, bucketCode, period);
    }

    private static AllowanceExpiry.Expired row(String accountId, String owner, AllowanceBucket bucket, long used) {
        long granted = bucket.grantedUnits();
        return new AllowanceExpiry.Expired(accountId, owner, bucket.id(), bucket.unit().name(), granted,
                Math.min(used, granted), Math.max(0, granted - used));
    }
}
