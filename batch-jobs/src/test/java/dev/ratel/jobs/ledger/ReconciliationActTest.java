package dev.ratel.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.Payment;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.documents.ReconciliationAct;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReconciliationActTest {
    @Test
    void shouldReconcileInvoicesAndPaymentsOverAQuarterWithHandWorkedBalances() throws Exception {
        TariffPlan kense = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs")).get("kense-15");
        Account customer = new Account("K1", "ТОО «Алатау Қызмет»", "800800800800", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        List<InvoiceStore.Issued> invoices = List.of(
                new InvoiceStore.Issued("KZB-2024-000001", "K1", "2024-03", LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 30), "KZT", 0, 0, 3_499_000),
                new InvoiceStore.Issued("KZB-2024-000007", "K1", "2024-04", LocalDate.of(2024, 4, 30), LocalDate.of(2024, 5, 30), "KZT", 0, 0, 3_799_000),
                new InvoiceStore.Issued("KZB-2024-000013", "K1", "2024-05", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 30), "KZT", 0, 0, 3_802_600),
                new InvoiceStore.Issued("KZB-2024-000019", "K1", "2024-06", LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 30), "KZT", 0, 0, 3_499_000));
        List<Payment> payments = List.of(new Payment("K1", LocalDate.of(2024, 4, 15), 3_499_000, "PP-11"),
                new Payment("K1", LocalDate.of(2024, 5, 20), 4_000_000, "PP-12"),
                new Payment("K1", LocalDate.of(2024, 6, 25), 3_000_000, "PP-13"));
        AccountLedger ledger = new AccountLedger("K1", invoices, payments);

        ReconciliationAct act = ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2024, 4), YearMonth.of(2024, 6),
                LocalDate.of(2024, 7, 15));

        // opening debt: the March invoice, 34 990.00, unpaid on 31.03
        assertThat(act.openingDebt()).isEqualTo(3_499_000);
        // invoiced 37 990 + 38 026 + 34 990 = 111 006.00; paid 34 990 + 40 000 + 30 000 = 104 990.00
        assertThat(act.debitTurnover()).isEqualTo(11_100_600);
        assertThat(act.creditTurnover()).isEqualTo(10_499_000);
        // closing debt 34 990 + 111 006 - 104 990 = 41 006.00
        assertThat(act.closingDebt()).isEqualTo(4_100_600);
        assertThat(act.entries()).extracting(AccountLedger.Entry::document)
                .containsExactly("PP-11", "KZB-2024-000007", "PP-12", "KZB-2024-000013", "PP-13", "KZB-2024-000019");

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        act.writePdf(pdf);
        try (var document = Loader.loadPDF(pdf.toByteArray())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Акт сверки взаимных расчётов за период 2024-04 — 2024-06")
                    .contains("Сальдо начальное 34990.00 0.00").contains("Обороты за период 111006.00 104990.00")
                    .contains("задолженность ТОО «Алатау Қызмет» перед ТОО «КаР-Тел» (Beeline Казахстан) 41006.00 KZT");
        }
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        act.writeXlsx(xlsx);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.toByteArray()))) {
            var closing = workbook.getSheetAt(0).getRow(5 + 1 + 6 + 1);
            assertThat(closing.getCell(2).getStringCellValue()).isEqualTo("Сальдо конечное");
            assertThat(closing.getCell(3).getNumericCellValue()).isEqualTo(41006.00);
            assertThat(closing.getCell(8).getNumericCellValue()).isEqualTo(41006.00); // the customer's credit mirrors it
        }
    }

    @Test
    void shouldRefuseMoreThanTwelveMonths() throws Exception {
        TariffPlan kense = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs")).get("kense-15");
        Account customer = new Account("K1", "ТОО", "1", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        AccountLedger ledger = new AccountLedger("K1", List.of(), List.of());
        assertThat(ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2024, 1), YearMonth.of(2024, 12), LocalDate.of(2024, 12, 31)).closingDebt()).isZero();
        assertThatThrownBy(() -> ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2024, 1), YearMonth.of(2025, 1), LocalDate.of(2025, 1, 31)))
                .hasMessageContaining("at most 12 months").hasMessageContaining("is 13");
    }

    @Test
    void shouldCountTheTwelveMonthsBackFromTodayAsTheCabinetDoes() throws Exception {
        // «Кабинет» (seed 004): «Максимальный период запроса 12 месяцев от текущей даты». On 2026-12-02 the twelve months
        // up to the current one are 2026-01 .. 2026-12: 2025-12 is too old, whatever the length of the range asked for.
        TariffPlan kense = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs")).get("kense-15");
        Account customer = new Account("K1", "ТОО", "1", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2024, 1, 1));
        AccountLedger ledger = new AccountLedger("K1", List.of(), List.of());
        LocalDate today = LocalDate.of(2026, 12, 2);
        assertThat(ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2026, 1), YearMonth.of(2026, 12), today).from())
                .isEqualTo(YearMonth.of(2026, 1));
        assertThatThrownBy(() -> ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2025, 12), YearMonth.of(2026, 3), today))
                .hasMessageContaining("within the 12 up to the current one (2026-01 to 2026-12 on 2026-12-02)");
        assertThatThrownBy(() -> ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2024, 4), YearMonth.of(2024, 6), today))
                .hasMessageContaining("2024-04 to 2024-06 is not");
        assertThatThrownBy(() -> ReconciliationAct.of(ledger, customer, kense, YearMonth.of(2026, 12), YearMonth.of(2027, 1), today))
                .hasMessageContaining("is not");
    }
}
