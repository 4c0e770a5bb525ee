package dev.ratel.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.Payment;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.close.InvoiceStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The «Кабинет» seed's credit control: advance below zero and credit past due block for debt until paid. */
class CreditControlTest {
    private static final LocalDate OPENED = LocalDate.of(2024, 1, 1);

    private static final Map<String, TariffPlan> PLANS = loadPlans();

    private static Map<String, TariffPlan> loadPlans() {
        try {
            return new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(java.nio.file.Path.of("../samples/tariffs"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CreditControl.Change> assess(LocalDate day, ReferenceData reference, List<InvoiceStore.Issued> invoices) {
        return CreditControl.assess(day, reference, PLANS, TaxRatesCsv.shipped(), invoices);
    }

    private static InvoiceStore.Issued invoice(String number, String account, String period, long gross, int termDays) {
        return invoice(number, account, period, gross, termDays, 0);
    }

    /** An issued invoice whose {@code advance} (minor units) of {@code gross} was billed in advance. */
    private static InvoiceStore.Issued invoice(String number, String account, String period, long gross, int termDays, long advance) {
        LocalDate issued = java.time.YearMonth.parse(period).atEndOfMonth();
        return new InvoiceStore.Issued(number, account, period, issued, issued.plusDays(termDays), "KZT", gross, 0, gross, advance);
    }

    private static NumberHolding number(String number, NumberStatus status, LocalDate from) {
        return new NumberHolding(number, NumberKind.MOBILE, OPENED, null,
                status == null ? List.of() : List.of(new NumberHolding.StatusChange(from, status)));
    }

    @Test
    void shouldBlockAccountsInDebtAndUnblockTheOnesThatPaid() {
        ReferenceData reference = new ReferenceData(
                Map.of("ADV", new Account("ADV", "Аванс", "1", "kense-15", PaymentMethod.ADVANCE, OPENED),
                        "CRD", new Account("CRD", "Кредит", "2", "kense-15", PaymentMethod.CREDIT, OPENED),
                        "OK", new Account("OK", "Исправный", "3", "kense-15", PaymentMethod.CREDIT, OPENED),
                        "PAID", new Account("PAID", "Погасил", "4", "kense-15", PaymentMethod.CREDIT, OPENED)),
                Map.of("ADV", List.of(number("77050000001", null, null), number("77050000002", null, null)),
                        "CRD", List.of(number("77050000003", null, null)),
                        "OK", List.of(number("77050000004", null, null)),
                        "PAID", List.of(number("77050000005", NumberStatus.BLOCKED_DEBT, LocalDate.of(2024, 7, 2)))),
                Map.of(), Map.of(),
                Map.of("ADV", List.of(new Payment("ADV", LocalDate.of(2024, 5, 1), 3_000_000, "PP-1")),
                        "CRD", List.of(new Payment("CRD", LocalDate.of(2024, 6, 20), 3_000_000, "PP-2")),
                        "OK", List.of(new Payment("OK", LocalDate.of(2024, 6, 29), 3_499_000, "PP-3")),
                        "PAID", List.of(new Payment("PAID", LocalDate.of(2024, 7, 3), 3_499_000, "PP-4"))));
        List<InvoiceStore.Issued> invoices = List.of(
                invoice("KZB-2024-000001", "ADV", "2024-05", 3_499_000, 30, 3_499_000), // the fee, billed in advance
                invoice("KZB-2024-000002", "CRD", "2024-05", 3_499_000, 30),   // due 30.06, 30 000 of 34 990 paid
                invoice("KZB-2024-000003", "OK", "2024-05", 3_499_000, 30),    // paid in full on 29.06
                invoice("KZB-2024-000004", "PAID", "2024-05", 3_499_000, 30)); // blocked 02.07, paid 03.07

        // ADV pays in advance: May's fee was debited on 01.05, June's on 01.06 and July's on 01.07 (no invoice yet for either:
        // Keńse 15's 34 990 for its two numbers): 30 000 - 3 x 34 990 = -74 970
        List<CreditControl.Change> julyFirst = assess(LocalDate.of(2024, 7, 1), reference, invoices);
        assertThat(julyFirst).extracting(c -> c.number() + " " + c.status() + " " + c.balanceMinor() + " " + c.reason()).containsExactly(
                "77050000001 BLOCKED_DEBT -7497000 advance balance below zero",
                "77050000002 BLOCKED_DEBT -7497000 advance balance below zero",
                "77050000003 BLOCKED_DEBT -499000 invoice KZB-2024-000002 unpaid past its due date 2024-06-30",
                "77050000005 BLOCKED_DEBT -3499000 invoice KZB-2024-000004 unpaid past its due date 2024-06-30");

        // the day before the due date nobody on credit is late yet
        assertThat(assess(LocalDate.of(2024, 6, 30), reference, invoices))
                .extracting(CreditControl.Change::accountId).containsOnly("ADV");
        // once paid, the number blocked for debt comes back; until then it stays blocked (no change listed)
        assertThat(assess(LocalDate.of(2024, 7, 3), reference, invoices))
                .filteredOn(c -> c.accountId().equals("PAID")).extracting(c -> c.number() + " " + c.status())
                .containsExactly("77050000005 ACTIVE");
        assertThat(assess(LocalDate.of(2024, 7, 2), reference, invoices))
                .filteredOn(c -> c.accountId().equals("PAID")).isEmpty();
    }

    @Test
    void shouldDebitAnAdvancePayerTheMonthsFeeOnTheFirstSoCreditControlSeesTheDebtOnTheFifteenth() {
        // Keńse 15 (seed 000): «абонентская плата будет сниматься в полном размере ... первого числа каждого месяца».
        // Both companies hold two numbers and paid 20 000 on 03.05; nothing of May is invoiced before the month ends.
        ReferenceData reference = new ReferenceData(
                Map.of("ADV", new Account("ADV", "Аванс", "1", "kense-15", PaymentMethod.ADVANCE, OPENED),
                        "CRD", new Account("CRD", "Кредит", "2", "kense-15", PaymentMethod.CREDIT, OPENED)),
                Map.of("ADV", List.of(number("77050000001", null, null), number("77050000002", null, null)),
                        "CRD", List.of(number("77050000003", null, null), number("77050000004", null, null))),
                Map.of(), Map.of(),
                Map.of("ADV", List.of(new Payment("ADV", LocalDate.of(2024, 5, 3), 2_000_000, "PP-1")),
                        "CRD", List.of(new Payment("CRD", LocalDate.of(2024, 5, 3), 2_000_000, "PP-2"))));
        // On 15.05 the advance payer owes 34 990 since 01.05 and paid 20 000: -14 990, blocked. The credit payer owes
        // nothing until its invoice of 31.05 falls due on 30.06.
        assertThat(assess(LocalDate.of(2024, 5, 15), reference, List.of()))
                .extracting(c -> c.number() + " " + c.status() + " " + c.balanceMinor())
                .containsExactly("77050000001 BLOCKED_DEBT -1499000", "77050000002 BLOCKED_DEBT -1499000");
        // Once May is invoiced (34 990 of it billed in advance, 1 800 of usage), the fee is debited once, on 01.05, and the
        // usage on 31.05: -14 990 - 1 800 = -16 790 on 31.05, not a second 34 990.
        List<InvoiceStore.Issued> may = List.of(invoice("KZB-2024-000001", "ADV", "2024-05", 3_679_000, 30, 3_499_000));
        AccountLedger ledger = new AdvanceBilling(reference, PLANS, TaxRatesCsv.shipped()).ledger("ADV", may, LocalDate.of(2024, 5, 31));
        assertThat(ledger.entries()).extracting(e -> e.date() + " " + e.debit() + " " + e.credit())
                .containsExactly("2024-05-01 3499000 0", "2024-05-03 0 2000000", "2024-05-31 180000 0");
        assertThat(ledger.balanceAt(LocalDate.of(2024, 5, 31))).isEqualTo(-1_679_000);
    }
}
