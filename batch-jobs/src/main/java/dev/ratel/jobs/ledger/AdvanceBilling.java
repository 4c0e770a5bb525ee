package dev.ratel.jobs.ledger;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.close.InvoiceBuilder;
import dev.ratel.jobs.close.InvoiceStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ledgers of accounts as of a day, with what advance payers owe before their invoices exist: a
 * period's fees billed in advance are due on its first day, so on the 15th credit control sees the
 * month's fee of an account that paid less. A period not invoiced yet is worked out from the tariffs
 * and reference data as the invoice will be (its lines billed in advance), for the periods after the
 * account's last invoice up to the day's (only the day's own period when it has none, so an account
 * with a history from before Ratel is not debited for it).
 */
public final class AdvanceBilling {
    private final ReferenceData reference;
    private final InvoiceBuilder builder;

    public AdvanceBilling(ReferenceData reference, Map<String, TariffPlan> plans, TaxTable taxes) {
        this.reference = reference;
        this.builder = new InvoiceBuilder(plans, reference, taxes);
    }

    /** The account's ledger on {@code day}, from its invoices issued for periods up to the day's and its payments. */
    public AccountLedger ledger(String accountId, List<InvoiceStore.Issued> invoices, LocalDate day) {
        Account account = reference.account(accountId);
        return new AccountLedger(accountId, account.paymentMethod(), invoices, openAdvances(account, invoices, day),
                reference.payments(accountId));
    }

    /** The advances of the periods after the account's last invoice up to {@code day}'s; none for a credit payer. */
    List<AccountLedger.Advance> openAdvances(Account account, List<InvoiceStore.Issued> invoices, LocalDate day) {
        if (account.paymentMethod() != PaymentMethod.ADVANCE) {
            return List.of();
        }
        YearMonth current = YearMonth.from(day);
        YearMonth last = null;
        for (InvoiceStore.Issued invoice : invoices) {
            YearMonth period = YearMonth.parse(invoice.period());
            last = last == null || period.isAfter(last) ? period : last;
        }
        List<AccountLedger.Advance> advances = new ArrayList<>();
        for (YearMonth period = last == null ? current : last.plusMonths(1); !period.isAfter(current); period = period.plusMonths(1)) {
            Invoice expected = builder.build(account.id(), period, List.of());
            long gross = expected == null ? 0 : expected.advanceGrossMinor();
            if (gross != 0) {
                advances.add(new AccountLedger.Advance(period.toString(), period.atDay(1), gross));
            }
        }
        return advances;
    }
}
