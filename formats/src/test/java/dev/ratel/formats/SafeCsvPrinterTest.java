package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.csv.SafeCsvPrinter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class SafeCsvPrinterTest {
    @Test
    void shouldWriteFormulasAsTextAndLeaveNumbersAndPlainTextAlone() throws IOException {
        StringWriter out = new StringWriter();
        try (SafeCsvPrinter csv = new SafeCsvPrinter(out, "cell")) {
            for (String cell : List.of("=cmd|'/C calc'!A0", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", " =4+4", "\t=1+1", "\r=1+1",
                    "-425.67", "+3", "1500.00", "ООО «Ромашка»", "", "a=b", "-", "'=already")) {
                csv.printRecord(cell);
            }
            csv.printRecord(-12); // not text: a number is never touched
        }
        List<String> cells = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords().stream().map(r -> r.get(0)).toList();
        assertThat(cells).containsExactly("'=cmd|'/C calc'!A0", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1+1)", "' =4+4", "'\t=1+1",
                "'\r=1+1", "-425.67", "+3", "1500.00", "ООО «Ромашка»", "", "a=b", "'-", "'=already", "-12");
        // RFC 4180 otherwise: one header, \n between records
        assertThat(out.toString()).startsWith("cell\n'=cmd|'/C calc'!A0\n");
    }

    @Test
    void shouldApplyTheRuleOnceWhenACsvIsCopiedIntoAnother() throws IOException {
        // a bill run's rejects.csv is the ingest's and the rating's copied: a second pass adds nothing
        StringWriter first = new StringWriter();
        try (SafeCsvPrinter csv = new SafeCsvPrinter(first, "raw")) {
            csv.printRecord("=1+1");
        }
        CSVRecord row = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(first.toString())).getRecords().get(0);
        StringWriter second = new StringWriter();
        try (SafeCsvPrinter csv = new SafeCsvPrinter(second, "raw")) {
            csv.printRecord(row.get("raw"));
        }
        assertThat(second.toString()).isEqualTo(first.toString()).isEqualTo("raw\n'=1+1\n");
    }
}
