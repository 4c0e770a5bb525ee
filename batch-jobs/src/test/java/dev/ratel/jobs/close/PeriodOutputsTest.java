package dev.ratel.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.money.Currency;
import dev.ratel.core.tax.LineAmounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeriodOutputsTest {
    @Test
    void shouldKeepFileNamesMadeFromIdsInsideTheDirectoryVisibleAndApart() {
        Path directory = Path.of("/out/2024-05/invoices");
        List<String> ids = List.of("../../etc/passwd", "..", ".hidden", "A/B", "A_B", "A\\B", "Ж-1", "K1", "a\u0000b", "x".repeat(300),
                "x".repeat(300) + "y", "ACC-000123");
        Set<String> names = new HashSet<>();
        for (String id : ids) {
            String name = PeriodOutputs.safeFileName(id);
            assertThat(name).as(id).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*").hasSizeLessThanOrEqualTo(133);
            assertThat(directory.resolve(name + ".pdf").normalize().getParent()).as(id).isEqualTo(directory);
            names.add(name);
        }
        assertThat(names).as("one file per id").hasSize(ids.size());
        // ids that are already safe keep their name; the others carry the start of their SHA-256
        assertThat(PeriodOutputs.safeFileName("K1")).isEqualTo("K1");
        assertThat(PeriodOutputs.safeFileName("ACC-000123")).isEqualTo("ACC-000123");
        assertThat(PeriodOutputs.safeFileName("A_B")).isEqualTo("A_B");
        assertThat(PeriodOutputs.safeFileName("A/B")).startsWith("A_B-").hasSize(4 + 12);
    }

    @Test
    void shouldWriteTheRunSummaryTotalsInOneOrderOnEveryRun(@TempDir Path directory) throws Exception {
        // two KZT invoices, in tiyn: net 3 124 107 + 100 000 = 3 224 107 (32 241.07),
        // tax 374 893 + 12 000 = 386 893 (3 868.93), gross 3 499 000 + 112 000 = 3 611 000 (36 110.00)
        Invoice first = invoice("A-1", new LineAmounts(3_124_107, 374_893, 3_499_000));
        Invoice second = invoice("A-2", new LineAmounts(100_000, 12_000, 112_000));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("totals", PeriodOutputs.totals(List.of(first, second)));
        PeriodOutputs.writeSummary(directory, summary);

        // the chaos harness found two undisturbed closes of one month writing net, tax and gross in different orders
        String written = Files.readString(directory.resolve("run-summary.json"), StandardCharsets.UTF_8);
        assertThat(written.replaceAll("\\s+", "")).isEqualTo(
                "{\"totals\":{\"KZT\":{\"net\":\"32241.07\",\"tax\":\"3868.93\",\"gross\":\"36110.00\"}}}");
    }

    private static Invoice invoice(String account, LineAmounts amounts) {
        return new Invoice(null, account, "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30), Currency.KZT,
                List.of(new Invoice.Line(1, "PACKAGE", "Пакет", "1", "мес", null, 1200, amounts)), Set.of());
    }
}
