package dev.ratel.jobs.close;

import dev.ratel.formats.journal.RatedUsageParquet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * A period's rated usage summed per account, plan, service, charge code (the tariff rule's; for usage
 * exported before Ratel kept it, the destination class) and lateness, read back
 * from the Parquet export ({@code OUT/rated/period=YYYY-MM/day=DD/}). Invoices are built from
 * these sums, so what finance is billed is exactly what DuckDB or Spark would sum from the same
 * files.
 */
public final class PeriodUsage {
    /** One group's sums; amounts are scaled (1/10 000) in the plan's currency and tax basis. */
    public static final class Group {
        public final String accountId;
        public final String planId;
        public final String service;
        /** The destination class of usage with no charge code; "" where the group is a charge code's. */
        public final String destinationClass;
        /** The rule's charge code ({@code VOICE_KZ_OFFNET}); "" for usage exported before Ratel kept it. */
        public final String chargeCode;
        public final String currency;
        public final boolean late;
        /** The month the usage happened in (the plan's zone): the period's own, or an earlier one for late usage. */
        public final String supplyPeriod;
        public long records;
        public long billedUnits;
        public long allowanceUnits;
        public long chargedUnits;
        public long amountScaled;

        Group(String accountId, String planId, String service, String destinationClass, String chargeCode, String currency,
              boolean late, String supplyPeriod) {
            this.accountId = accountId;
            this.planId = planId;
            this.supplyPeriod = supplyPeriod;
            this.service = service;
            this.destinationClass = destinationClass;
            this.chargeCode = chargeCode;
            this.currency = currency;
            this.late = late;
        }
    }

    /** One number's usage in the period: billed units and what allowances covered, per service; amount scaled. */
    public static final class NumberUsage {
        public final String accountId;
        public final String number;
        public long voiceSeconds;
        public long voiceFromAllowances;
        public long sms;
        public long smsFromAllowances;
        public long bytes;
        public long bytesFromAllowances;
        public long amountScaled;

        public NumberUsage(String accountId, String number) {
            this.accountId = accountId;
            this.number = number;
        }
    }

    private final Map<String, List<Group>> byAccount;
    private final Map<String, Map<String, NumberUsage>> numbersByAccount;
    private final long records;

    private PeriodUsage(Map<String, List<Group>> byAccount, Map<String, Map<String, NumberUsage>> numbersByAccount, long records) {
        this.byAccount = byAccount;
        this.numbersByAccount = numbersByAccount;
        this.records = records;
    }

    /** The account's numbers that had usage, by number. */
    public Map<String, NumberUsage> numbers(String accountId) {
        return numbersByAccount.getOrDefault(accountId, Map.of());
    }

    /** The groups of an account in a stable order (by plan; voice, SMS, data; then charge code or class; on time before late). */
    public List<Group> of(String accountId) {
        return byAccount.getOrDefault(accountId, List.of());
    }

    /** The accounts that have rated usage in the period. */
    public java.util.Set<String> accounts() {
        return byAccount.keySet();
    }

    /** Rated records of the period. */
    public long records() {
        return records;
    }

    /** The month of an instant in the plan's zone ({@code YYYY-MM}). */
    private static String supplyPeriod(long startEpochMillis, dev.ratel.core.tariff.TariffPlan plan, String period) {
        if (plan == null) {
            throw new IllegalStateException("rated usage of " + period + " names a plan that is not in the tariffs");
        }
        return java.time.YearMonth.from(java.time.Instant.ofEpochMilli(startEpochMillis).atZone(plan.zone())).toString();
    }

    /** Voice first, then SMS, then data, as invoices list them. */
    private static char serviceRank(String service) {
        return service.equals("VOICE") ? '0' : service.equals("SMS") ? '1' : '2';
    }

    /** The periods with exported rated usage under {@code OUT/rated/} (a partition with at least one file), oldest first. */
    public static List<java.time.YearMonth> exportedPeriods(String outUri) throws IOException {
        Configuration conf = new Configuration();
        Path rated = new Path(outUri, "rated");
        FileSystem fs = RatedUsageParquet.fileSystem(rated, conf);
        java.util.TreeSet<java.time.YearMonth> periods = new java.util.TreeSet<>();
        FileStatus[] files = fs.globStatus(new Path(rated, "period=*/day=*/part-*.parquet"));
        for (FileStatus file : files == null ? new FileStatus[0] : files) {
            String partition = file.getPath().getParent().getParent().getName();
            try {
                periods.add(java.time.YearMonth.parse(partition.substring("period=".length())));
            } catch (java.time.format.DateTimeParseException notOurs) {
                // a directory someone else put there names no period of ours
            }
        }
        return new ArrayList<>(periods);
    }

    /** The columns {@link #read} sums, as a projection of {@link RatedUsageParquet#SCHEMA}; with the charge code where a file has it. */
    private static final String READ = "message rated_usage { required binary account_id (STRING); required binary subscriber (STRING);"
            + " required binary service (STRING); required int64 start_time (TIMESTAMP(MILLIS,true)); required binary plan_id (STRING);"
            + " optional binary destination_class (STRING); required int64 billed_units; required int64 allowance_units;"
            + " required int64 amount (DECIMAL(18,4)); required binary currency (STRING); required boolean late;"
            + " required boolean throttled; }";
    private static final String READ_WITH_CHARGE = READ.replace(" }", " optional binary charge_code (STRING); }");

    /**
     * Sums the period's Parquet. Late usage is grouped by the month it happened in, in its plan's zone (from
     * {@code plans}), as its tax is that month's.
     */
    public static PeriodUsage read(String outUri, String period, Map<String, dev.ratel.core.tariff.TariffPlan> plans) throws IOException {
        Configuration conf = new Configuration();
        Path partition = new Path(new Path(outUri, "rated"), "period=" + period);
        FileSystem fs = RatedUsageParquet.fileSystem(partition, conf);
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Map<String, NumberUsage>> numbers = new java.util.HashMap<>();
        long records = 0;
        FileStatus[] files = fs.globStatus(new Path(partition, "day=*/part-*.parquet"));
        if (files != null) {
            java.util.Arrays.sort(files);
            for (FileStatus file : files) {
                boolean charged;
                try (org.apache.parquet.hadoop.ParquetFileReader footer = org.apache.parquet.hadoop.ParquetFileReader.open(
                        HadoopInputFile.fromStatus(file, conf))) {
                    charged = footer.getFileMetaData().getSchema().containsField("charge_code");
                }
                // only the columns summed here: record ids, sources and other parties are most of a file's bytes
                conf.set(org.apache.parquet.hadoop.api.ReadSupport.PARQUET_READ_SCHEMA, charged ? READ_WITH_CHARGE : READ);
                try (ParquetReader<org.apache.parquet.example.data.Group> reader = ParquetReader
                        .builder(new GroupReadSupport(), file.getPath()).withConf(conf).build()) {
                    org.apache.parquet.example.data.Group row;
                    while ((row = reader.read()) != null) {
                        records++;
                        String account = row.getString("account_id", 0);
                        String service = row.getString("service", 0);
                        String charge = !charged || row.getFieldRepetitionCount("charge_code") == 0 ? "" : row.getString("charge_code", 0);
                        // usage with a charge code is summed by it, whatever classes its rule covers; older usage by class
                        String destination = !charge.isEmpty() || row.getFieldRepetitionCount("destination_class") == 0 ? ""
                                : row.getString("destination_class", 0);
                        String currency = row.getString("currency", 0);
                        boolean late = row.getBoolean("late", 0);
                        String plan = row.getString("plan_id", 0);
                        String supply = late ? supplyPeriod(row.getLong("start_time", 0), plans.get(plan), period) : period;
                        String key = account + '\u0000' + plan + '\u0000' + serviceRank(service) + '\u0000' + charge + '\u0000'
                                + destination + '\u0000' + currency + '\u0000' + late + '\u0000' + supply;
                        Group group = groups.computeIfAbsent(key, k -> new Group(account, plan, service, destination, charge, currency, late,
                                supply));
                        long billed = row.getLong("billed_units", 0);
                        long allowance = row.getLong("allowance_units", 0);
                        group.records++;
                        group.billedUnits += billed;
                        group.allowanceUnits += allowance;
                        if (!row.getBoolean("throttled", 0)) {
                            group.chargedUnits += billed - allowance;
                        }
                        group.amountScaled += row.getLong("amount", 0);
                        String subscriber = row.getString("subscriber", 0);
                        NumberUsage number = numbers.computeIfAbsent(account, k -> new TreeMap<>())
                                .computeIfAbsent(subscriber, k -> new NumberUsage(account, subscriber));
                        number.amountScaled += row.getLong("amount", 0);
                        switch (service) {
                            case "VOICE":
                                number.voiceSeconds += billed;
                                number.voiceFromAllowances += allowance;
                                break;
                            case "SMS":
                                number.sms += billed;
                                number.smsFromAllowances += allowance;
                                break;
                            default:
                                number.bytes += billed;
                                number.bytesFromAllowances += allowance;
                        }
                    }
                }
            }
        }
        Map<String, List<Group>> byAccount = new TreeMap<>();
        for (Group group : groups.values()) {
            byAccount.computeIfAbsent(group.accountId, k -> new ArrayList<>()).add(group);
        }
        return new PeriodUsage(byAccount, numbers, records);
    }
}
