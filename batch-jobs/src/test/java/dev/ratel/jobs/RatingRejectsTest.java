package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import dev.ratel.jobs.rate.RecordRater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records the rating refuses land in a rejects file with their source file, line, id and reason. */
@Tag("slow")
class RatingRejectsTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteEveryRefusedRecordOnceWithItsReason() throws Exception {
        new Generator(new GeneratorSettings(dir.resolve("data"), 40, 8_000, YearMonth.of(2024, 5), 0, 6, false, false, 0.0, 0.0, 0.0))
                .generate();
        Path home = dir.resolve("home");
        new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(dir.resolve("data/cdr")), null, n -> { });
        Map<String, TariffPlan> plans = new TariffLoader(TaxTable.standard()).loadDirectory(Path.of("../samples/tariffs"));
        ReferenceData full = new ReferenceDataLoader(plans).load(dir.resolve("data/reference"));
        // Account A000001's numbers vanish from numbers.csv: their usage has no account any more.
        Map<String, String> accountOfNumber = new HashMap<>(full.accountOfNumber());
        accountOfNumber.values().removeIf("A000001"::equals);
        Map<String, List<dev.ratel.core.charge.NumberHolding>> numbers = new HashMap<>(full.numbersByAccount());
        numbers.remove("A000001");
        ReferenceData partial = new ReferenceData(full.accounts(), numbers, accountOfNumber, full.optionsByAccount(), full.paymentsByAccount());

        RateRun.Summary summary = new RateRun(home, plans, partial, ExchangeRatesCsv.read(dir.resolve("data/reference/exchange-rates.csv")))
                .run(n -> { });
        long unknown = summary.outcomes().getOrDefault(RecordRater.Outcome.UNKNOWN_NUMBER, 0L);
        assertThat(unknown).isPositive();
        assertThat(summary.rejected()).isEqualTo(unknown);
        List<String> lines = Files.readAllLines(summary.rejectsFile());
        assertThat(lines.get(0)).isEqualTo("source_file,line,record_id,reason_code,reason,raw");
        assertThat(lines).hasSize(1 + (int) unknown);
        String row = lines.get(1);
        assertThat(row).contains(dir.resolve("data/cdr").toString()).contains(",UNKNOWN_NUMBER,")
                .contains("the charged number is in no account of numbers.csv");
        String[] cells = row.split(",", 3);
        assertThat(Long.parseLong(cells[1])).isGreaterThan(1); // the line in the CDR file, after its header
        assertThat(row).containsPattern(",pbx-moscow-\\d+,|,msc-almaty-\\d+,");

        // A second run rates nothing new and writes no file; the first file stays as it is.
        RateRun.Summary again = new RateRun(home, plans, partial, ExchangeRatesCsv.read(dir.resolve("data/reference/exchange-rates.csv")))
                .run(n -> { });
        assertThat(again.records()).isZero();
        assertThat(again.rejectsFile()).isNull();
        assertThat(Files.readAllLines(summary.rejectsFile())).hasSize(1 + (int) unknown);
    }
}
