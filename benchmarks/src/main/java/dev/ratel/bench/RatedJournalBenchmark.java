package dev.ratel.bench;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.bench.BenchMonth;
import dev.ratel.jobs.bench.Measures;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The rated journal's packed excerpts read back as the export reads them: {@code read} decodes every
 * decision of a month rated for real (the bench month, 196 608 calls over 10 000 numbers: twelve
 * excerpts of 16 384 decisions, ingested and rated in set-up), the dictionary and the counters
 * skipped. Scores are per decision; settings from {@link ChronicleBenchmark}.
 */
public class RatedJournalBenchmark extends ChronicleBenchmark {
    private static final int CALLS = 12 * 16_384;

    private Path directory;
    private RatedJournal rated;
    private final RatedBatch batch = RatedBatch.decisionsOnly();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("ratel-rated-bench");
        BenchMonth.Files month = BenchMonth.generate(directory.resolve("month"), CALLS, 10_000);
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(month.tariffs());
        ReferenceData reference = new ReferenceDataLoader(plans).load(month.reference());
        Path home = directory.resolve("home");
        new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)).withExpectedRecords(CALLS))
                .run(List.of(month.csv()), null, n -> { });
        new RateRun(home, plans, reference, ExchangeRates.none()).run(n -> { });
        rated = RatedJournal.open(home.resolve("rated"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        rated.close();
        Measures.deleteTree(directory);
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long read() {
        long sum = 0;
        try (RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            while (reader.next(batch)) {
                for (int i = 0; i < batch.records; i++) {
                    sum += batch.amountScaled[i] + batch.allowanceUnits[i];
                }
            }
        }
        return sum;
    }
}
