package dev.ratel.jobs.bench;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: a generated month ({@link BenchMonth}) taken through Ratel's ingest,
 * rate and export, each timed; beside it the floor (a bare scan of the same CSV that only splits
 * fields and parses numbers) and the baseline (the same month rated by DuckDB SQL over the same
 * calls in Parquet, {@code baseline.sql}). Ratel's totals per destination class, read back from its
 * Parquet export, are compared with the baseline's.
 */
public final class Bench {
    /** One timed stage. */
    public record Stage(String name, long records, long nanos) {
        public double perSecond() {
            return records / Math.max(nanos / 1e9, 1e-9);
        }

        public double seconds() {
            return nanos / 1e9;
        }
    }

    /** Totals of one destination class: calls, billed and allowance seconds, amount. */
    public record ClassTotals(long calls, long billedSeconds, long allowanceSeconds, BigDecimal amount) {
        boolean sameAs(ClassTotals other) {
            return calls == other.calls && billedSeconds == other.billedSeconds && allowanceSeconds == other.allowanceSeconds
                    && amount.compareTo(other.amount) == 0;
        }
    }

    /** What one run measured. */
    public record Report(long cdrs, int numbers, Stage floor, Stage ingest, Stage rate, Stage export, Stage ratel, Stage baseline,
                         Map<String, ClassTotals> ratelTotals, Map<String, ClassTotals> baselineTotals, long peakHeapBytes, long peakLiveHeapBytes,
                         long peakResidentBytes, double bytesPerCdr, long generatedNanos) {
        public boolean totalsEqual() {
            if (!ratelTotals.keySet().equals(baselineTotals.keySet())) {
                return false;
            }
            return ratelTotals.entrySet().stream().allMatch(e -> e.getValue().sameAs(baselineTotals.get(e.getKey())));
        }

        public BigDecimal amount(Map<String, ClassTotals> totals) {
            return totals.values().stream().map(ClassTotals::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** Baseline time over Ratel's: above 1, Ratel is faster. */
        public double speedup() {
            return (double) baseline.nanos / ratel.nanos;
        }

        /** The machine-readable summary. */
        public Map<String, Object> json() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("cdrs", cdrs);
            json.put("numbers", numbers);
            json.put("cdrs_per_second", Math.round(ratel.perSecond()));
            json.put("ingest_per_second", Math.round(ingest.perSecond()));
            json.put("rate_per_second", Math.round(rate.perSecond()));
            json.put("export_per_second", Math.round(export.perSecond()));
            json.put("floor_per_second", Math.round(floor.perSecond()));
            json.put("baseline_cdrs_per_second", Math.round(baseline.perSecond()));
            json.put("ratel_seconds", ratel.seconds());
            json.put("baseline_seconds", baseline.seconds());
            json.put("baseline_over_ratel", speedup());
            json.put("totals_equal", totalsEqual());
            json.put("amount", amount(ratelTotals).toPlainString());
            json.put("baseline_amount", amount(baselineTotals).toPlainString());
            json.put("peak_heap_bytes", peakHeapBytes);
            json.put("peak_live_heap_bytes", peakLiveHeapBytes);
            json.put("peak_resident_bytes", peakResidentBytes);
            json.put("bytes_per_cdr", Math.round(bytesPerCdr));
            json.put("class_data_archive", Measures.classDataArchive());
            return json;
        }

        /** The report for people: each stage against the floor, the baseline, the totals compared. */
        public void print(java.io.PrintWriter out) {
            out.printf("%,d calls over %,d numbers (month generated or reused in %.1f s, not timed); heap max %,d MB, %d cores,"
                    + " class-data archive %s%n", cdrs, numbers, generatedNanos / 1e9, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors(), Measures.classDataArchive() ? "on" : "off");
            out.printf("%-20s %14s %9s %14s %9s%n", "stage", "records", "seconds", "records/s", "of floor");
            for (Stage stage : List.of(floor, ingest, rate, export, ratel, baseline)) {
                out.printf("%-20s %,14d %9.2f %,14.0f %8.0f%%%n", stage.name(), stage.records(), stage.seconds(), stage.perSecond(),
                        100 * stage.perSecond() / floor.perSecond());
            }
            out.printf("Ratel %.2f s, DuckDB SQL %.2f s: Ratel is %.2f times %s than the baseline%n", ratel.seconds(), baseline.seconds(),
                    speedup() >= 1 ? speedup() : 1 / speedup(), speedup() >= 1 ? "faster" : "slower");
            out.printf("totals per destination class %s: amount %s KZT (baseline %s)%n", totalsEqual() ? "EQUAL" : "DIFFER",
                    amount(ratelTotals).toPlainString(), amount(baselineTotals).toPlainString());
            if (!totalsEqual()) {
                java.util.Set<String> classes = new java.util.TreeSet<>(ratelTotals.keySet());
                classes.addAll(baselineTotals.keySet());
                for (String destination : classes) {
                    out.printf("  %-14s Ratel %s%n  %-14s SQL   %s%n", destination, ratelTotals.get(destination), "", baselineTotals.get(destination));
                }
            }
            out.printf("peak heap %,d MB (held after a collection, at most %,d MB), peak resident %,d MB; on disk %.0f bytes per CDR"
                    + " (journal, counters, index, rated journal, Parquet)%n", peakHeapBytes >> 20, peakLiveHeapBytes >> 20,
                    peakResidentBytes >> 20, bytesPerCdr);
        }
    }

    private final Path work;

    public Bench(Path work) {
        this.work = work;
    }

    /** Generates (once per size) and measures. */
    public Report run(long cdrs, int numbers) throws Exception {
        Measures.watchHeap();
        long generateStart = System.nanoTime();
        BenchMonth.Files month = BenchMonth.generate(work.resolve("month-" + cdrs + "-" + numbers), cdrs, numbers);
        long generated = System.nanoTime() - generateStart;
        Path home = work.resolve("home");
        Path out = work.resolve("out");
        Path baselineOut = work.resolve("baseline");
        Measures.deleteTree(home);
        Measures.deleteTree(out);
        Measures.deleteTree(baselineOut);
        Files.createDirectories(baselineOut);

        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(month.tariffs());
        ReferenceData reference = new ReferenceDataLoader(plans).load(month.reference());

        Stage floor = timed("bare scan", () -> scan(month.csv()));
        long t0 = System.nanoTime();
        IngestSummary ingested = new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)).withExpectedRecords(cdrs))
                .run(List.of(month.csv()), null, n -> { });
        long t1 = System.nanoTime();
        RateRun.Summary rated = new RateRun(home, plans, reference, ExchangeRates.none()).run(n -> { });
        long t2 = System.nanoTime();
        Export.Summary exported = new Export(home, out.toAbsolutePath().toUri().toString(), plans).run();
        long t3 = System.nanoTime();
        long diskBytes = Measures.diskBytes(home) + Measures.diskBytes(out);

        Path baselineRated = baselineOut.resolve("rated.parquet");
        Stage baseline = timed("DuckDB SQL", () -> {
            SqlBaseline.rate(month, baselineRated);
            return cdrs;
        });
        Map<String, ClassTotals> ratelTotals = totals(out.resolve("rated").toAbsolutePath() + "/**/*.parquet");
        Map<String, ClassTotals> baselineTotals = totals(baselineRated.toAbsolutePath().toString());
        return new Report(cdrs, numbers, floor, new Stage("ingest", ingested.read(), t1 - t0), new Stage("rate", rated.records(), t2 - t1),
                new Stage("export", exported.rows(), t3 - t2), new Stage("Ratel end to end", cdrs, t3 - t0), baseline, ratelTotals,
                baselineTotals, Measures.peakHeapBytes(), Measures.peakLiveHeapBytes(), Measures.peakResidentBytes(), (double) diskBytes / cdrs,
                generated);
    }

    /** Calls, billed and allowance seconds and amount per destination class of rated Parquet files (a glob). */
    static Map<String, ClassTotals> totals(String parquetFiles) throws SQLException {
        Map<String, ClassTotals> totals = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT destination_class, count(*), sum(billed_units), sum(allowance_units), "
                     + "sum(amount) FROM read_parquet('" + parquetFiles.replace("'", "''") + "') GROUP BY destination_class")) {
            while (rows.next()) {
                totals.put(rows.getString(1), new ClassTotals(rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getBigDecimal(5)));
            }
        }
        return totals;
    }

    /** The floor over every CSV file of the directory. */
    private static long scan(Path directory) throws IOException {
        long records = 0;
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                records += Measures.bareScan(file);
            }
        }
        return records;
    }

    private interface Work {
        long run() throws IOException, SQLException;
    }

    private static Stage timed(String name, Work work) throws IOException, SQLException {
        long start = System.nanoTime();
        long records = work.run();
        return new Stage(name, records, System.nanoTime() - start);
    }
}
