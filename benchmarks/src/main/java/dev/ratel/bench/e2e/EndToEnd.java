package dev.ratel.bench.e2e;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pipeline end to end on generated data: CDRS canonical CDRs over the sample plans for ACCOUNTS
 * accounts (about seven numbers each), then ingest, rate and export, each timed, with the heap's
 * peak, the process's peak resident memory and the bytes on disk per CDR. Generation is not timed.
 *
 * <pre>
 * benchmarks/end-to-end [CDRS] [ACCOUNTS] [WORK_DIR]      (512 MB heap)
 * </pre>
 */
public final class EndToEnd {
    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        long cdrs = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000;
        int accounts = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 14_500;
        Path work = Path.of(args.length > 2 ? args[2] : "target/end-to-end");
        Path data = work.resolve("data-" + cdrs + "-" + accounts);
        if (!Files.exists(data.resolve("reference/accounts.csv"))) {
            long t = System.nanoTime();
            Generator.Result generated = new Generator(new GeneratorSettings(data, accounts, cdrs, YearMonth.of(2024, 5), 0, 1, false, false,
                    0.0, 0.0, 0.0)).generate();
            System.out.printf("generated %,d CDRs over %,d numbers of %,d accounts in %.1f s (not timed below)%n", generated.cdrs(),
                    generated.numbers(), generated.accounts(), (System.nanoTime() - t) / 1e9);
        }
        Path home = work.resolve("home");
        Path out = work.resolve("out");
        deleteTree(home);
        deleteTree(out);
        Map<String, TariffPlan> plans = new TariffLoader(TaxTable.standard()).loadDirectory(Path.of("samples/tariffs"));
        ReferenceData reference = new ReferenceDataLoader(plans).load(data.resolve("reference"));
        ExchangeRates rates = ExchangeRatesCsv.read(data.resolve("reference/exchange-rates.csv"));
        System.out.printf("%,d numbers in the reference data; heap max %,d MB%n", reference.numberCount(), Runtime.getRuntime().maxMemory() >> 20);

        long t0 = System.nanoTime();
        IngestSummary ingested = new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)).withExpectedRecords(cdrs))
                .run(List.of(data.resolve("cdr")), null, n -> { });
        long t1 = System.nanoTime();
        RateRun.Summary rated = new RateRun(home, plans, reference, rates).run(n -> { });
        long t2 = System.nanoTime();
        Export.Summary exported = new Export(home, out.toAbsolutePath().toUri().toString(), plans).run();
        long t3 = System.nanoTime();

        report("ingest", ingested.read(), t1 - t0);
        report("rate", rated.records(), t2 - t1);
        report("export", exported.rows(), t3 - t2);
        report("end to end", cdrs, t3 - t0);
        System.out.printf("peak heap %,d MB, peak resident %,d MB; on disk %.0f bytes per CDR (journal, counters, index, rated journal, Parquet)%n",
                peakHeap() >> 20, peakResidentKb() >> 10, (double) (size(home) + size(out)) / cdrs);
        System.out.printf("{\"cdrs\":%d,\"cdrs_per_second\":%.0f,\"ingest_per_second\":%.0f,\"rate_per_second\":%.0f,\"export_per_second\":%.0f,"
                        + "\"peak_heap_bytes\":%d}%n", cdrs, cdrs / ((t3 - t0) / 1e9), ingested.read() / ((t1 - t0) / 1e9),
                rated.records() / ((t2 - t1) / 1e9), exported.rows() / ((t3 - t2) / 1e9), peakHeap());
    }

    private static void report(String stage, long records, long nanos) {
        System.out.printf("%-11s %,12d records in %7.2f s = %,10.0f records/s%n", stage, records, nanos / 1e9, records / (nanos / 1e9));
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** VmHWM from /proc (Linux); 0 elsewhere. */
    private static long peakResidentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
