package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.rating.InMemoryCounterStore;
import dev.ratel.core.rating.Rater;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.jobs.rate.RecordRater;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated month, ingested and then every journal record rated: the pipeline so far, end to end. */
class RateGeneratedMonthTest {
    @TempDir
    Path dir;

    @Test
    void shouldRateEveryIngestedRecordOrRejectItWithAReason() throws Exception {
        GeneratedMonth month = GeneratedMonth.of(dir, 80, 30_000, 21, 0.005);
        IngestSummary ingested = month.ingested();
        RecordRater rater = new RecordRater(NumberDirectory.build(month.reference(), month.plans(), new dev.ratel.core.rating.InMemoryCounterKeys()),
                new Rater(month.exchangeRates()), new InMemoryCounterStore());

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
