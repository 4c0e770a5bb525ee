package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #21: Appendix No. 1 of every act of a generated month adds up, to the kopeck or tiyn, to the act's usage lines,
 * and its total row says so. The oracle is the published {@code invoice-lines.csv}: the gross amounts of the lines
 * coded USAGE-… and LATE-… of the account's invoice, summed here.
 */
class ActAppendixTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine(java.time.Clock.fixed(java.time.Instant.parse("2024-06-03T12:00:00Z"),
                java.time.ZoneOffset.UTC));
        line.setOut(new PrintWriter(new StringWriter(), true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void shouldAddEveryAppendixUpToItsActsUsageLines() throws Exception {
        String data = dir.resolve("data").toString();
        String home = dir.resolve("home").toString();
        Path out = dir.resolve("out");
        assertThat(run("generate", "--out", data, "--accounts", "150", "--cdrs", "30000", "--seed", "21")).as(err.toString()).isZero();
        assertThat(run("ingest", "--home", home, "--cdr", data + "/cdr")).as(err.toString()).isZero();
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference")).as(err.toString()).isZero();
        assertThat(run("close-month", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", out.toString(),
                "--period", "2024-05", "--act-xlsx")).as(err.toString()).isZero();
        Path may = out.resolve("2024-05");

        Map<String, Long> usageLines = new HashMap<>();
        try (Reader lines = Files.newBufferedReader(may.resolve("invoice-lines.csv"))) {
            for (CSVRecord line : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(lines)) {
                if (line.get("code").startsWith("USAGE-") || line.get("code").startsWith("LATE-")) {
                    usageLines.merge(line.get("account_id"), new BigDecimal(line.get("gross")).movePointRight(2).longValueExact(), Long::sum);
                }
            }
        }
        List<Path> acts;
        try (Stream<Path> files = Files.list(may.resolve("acts"))) {
            acts = files.filter(f -> f.toString().endsWith(".xlsx")).sorted().collect(Collectors.toList());
        }
        assertThat(acts).hasSize(150);
        int shared = 0;
        for (Path act : acts) {
            String account = act.getFileName().toString().replace(".xlsx", "");
            long expected = usageLines.getOrDefault(account, 0L);
            long sum = 0;
            int charged = 0;
            Long total = null;
            String totalLabel = null;
            try (XSSFWorkbook workbook = new XSSFWorkbook(act.toFile())) {
                Sheet appendix = workbook.getSheet("Приложение 1");
                for (int r = 3; r <= appendix.getLastRowNum(); r++) {
                    Row row = appendix.getRow(r);
                    if (row.getCell(8) != null && row.getCell(8).getStringCellValue().startsWith("Итого начислено сверх пакета")) {
                        totalLabel = row.getCell(8).getStringCellValue();
                        total = Math.round(row.getCell(9).getNumericCellValue() * 100);
                    } else if (row.getCell(9) != null && row.getCell(9).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        // a pool's row has no amount of its own (an empty text cell)
                        long amount = Math.round(row.getCell(9).getNumericCellValue() * 100);
                        sum += amount;
                        charged += amount != 0 ? 1 : 0;
                    }
                }
            }
            assertThat(total).as("the total row of %s", act).isNotNull();
            assertThat(sum).as("the numbers of %s", act).isEqualTo(total).isEqualTo(expected);
            shared += charged > 1 ? 1 : 0;
            try (PDDocument pdf = Loader.loadPDF(may.resolve("acts").resolve(account + ".pdf").toFile())) {
                // the PDF writes 1 234,56: a no-break space between thousands, a decimal comma
                String printed = String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(expected, 2)).replace(',', '\u00A0').replace('.', ',');
                assertThat(new PDFTextStripper().getText(pdf)).contains(totalLabel + " " + printed);
            }
        }
        // the month must have acts whose usage is shared between numbers, where rounding per number could go wrong
        assertThat(shared).isGreaterThan(20);
    }
}
