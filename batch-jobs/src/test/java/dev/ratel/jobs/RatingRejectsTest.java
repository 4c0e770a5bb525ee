package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.rate.RateRun;
import dev.ratel.jobs.rate.RecordRater;
import java.nio.file.Files;
import java.nio.file.Path;
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
        GeneratedMonth month = GeneratedMonth.of(dir, 40, 8_000, 6, 0.0);
        Path home = month.home();
        Map<String, TariffPlan> plans = month.plans();
        ReferenceData full = month.reference();
        // Account A000001's numbers vanish from numbers.csv: their usage has no account any more.
        List<dev.ratel.core.charge.NumberHolding> numbers = new java.util.ArrayList<>();
        for (String account : full.accounts().keySet()) {
            if (!account.equals("A000001")) {
                numbers.addAll(full.numbers(account));
            }
        }
        ReferenceData partial = ReferenceData.of(full.accounts(), full.subscriptions().values(), numbers, full.optionsByAccount(),
                full.paymentsByAccount());

        RateRun.Summary summary = new RateRun(home, plans, partial, month.exchangeRates())
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
        RateRun.Summary again = new RateRun(home, plans, partial, month.exchangeRates())
                .run(n -> { });
        assertThat(again.records()).isZero();
        assertThat(again.rejectsFile()).isNull();
        assertThat(Files.readAllLines(summary.rejectsFile())).hasSize(1 + (int) unknown);
    }
}
