package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.rating.InMemoryCounterStore;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.jobs.rate.RecordRater;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated month, ingested and then every journal record rated: the pipeline so far, end to end. */
class RateGeneratedMonthTest {
    @TempDir
    Path dir;

    @Test
    void shouldRateEveryIngestedRecordOrRejectItWithAReason() throws Exception {
        new Generator(new GeneratorSettings(dir.resolve("data"), 80, 30_000, YearMonth.of(2024, 5), 0, 21, false, false, 0.01, 0.005, 0.0))
                .generate();
        IngestSummary ingested = new Ingest(IngestSettings.defaults(dir.resolve("home"), CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(dir.resolve("data/cdr")), null, n -> { });
        Map<String, TariffPlan> plans = new TariffLoader(TaxTable.standard()).loadDirectory(Path.of("../samples/tariffs"));
        ReferenceData reference = new ReferenceDataLoader(plans).load(dir.resolve("data/reference"));
        RecordRater rater = new RecordRater(NumberDirectory.build(reference, plans),
                new Rater(ExchangeRatesCsv.read(dir.resolve("data/reference/exchange-rates.csv"))), new InMemoryCounterStore());

        Map<RecordRater.Outcome, Long> outcomes = new EnumMap<>(RecordRater.Outcome.class);
        long records = 0;
        long amountScaled = 0;
        try (UsageJournal journal = UsageJournal.open(dir.resolve("home/journal")); JournalCursor cursor = journal.cursor()) {
            CdrRecord record = new CdrRecord();
            while (cursor.nextBatch()) {
                while (cursor.nextRecord(record)) {
                    RecordRater.Outcome outcome = rater.rate(record);
                    rater.apply();
                    outcomes.merge(outcome, 1L, Long::sum);
                    if (outcome == RecordRater.Outcome.RATED) {
                        amountScaled += rater.result().amountScaled;
                    }
                    records++;
                }
            }
        }
        // Every accepted record has exactly one outcome.
        assertThat(records).isEqualTo(ingested.accepted());
        assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);
        // The generator only uses numbers while they are active, with usage the plans rate.
        assertThat(outcomes).doesNotContainKeys(RecordRater.Outcome.UNKNOWN_NUMBER, RecordRater.Outcome.NUMBER_NOT_ACTIVE,
                RecordRater.Outcome.NO_PLAN_VERSION, RecordRater.Outcome.NO_EXCHANGE_RATE);
        assertThat(outcomes.get(RecordRater.Outcome.RATED)).as(outcomes.toString()).isEqualTo(records);
        assertThat(amountScaled).isPositive();
    }
}
