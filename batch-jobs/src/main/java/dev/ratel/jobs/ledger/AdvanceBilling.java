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
 * and reference data as the invoice will be (its lines billed in advance), for every period up to the
 * day's without an invoice since the account's first invoiced one (only the day's own period when it has
 * none, so an account with a history from before Ratel is not debited for it).
 */
public final class AdvanceBilling {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdvanceBilling.class);
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

    /**
     * The advances of the periods up to {@code day}'s that have no invoice yet, from the account's first invoiced period
     * on (only the day's own period for an account with no invoice); none for a credit payer. An account whose fees
     * cannot be worked out (its data breaks a rule of its plan, as a close would hold it) is left without advances and
     * said so in the log: one account's bad data never stops the others' credit control.
     */
    List<AccountLedger.Advance> openAdvances(Account account, List<InvoiceStore.Issued> invoices, LocalDate day) {
        if (account.paymentMethod() != PaymentMethod.ADVANCE) {
            return List.of();
        }
        YearMonth current = YearMonth.from(day);
        YearMonth first = current;
        java.util.Set<YearMonth> invoiced = new java.util.HashSet<>();
        for (InvoiceStore.Issued invoice : invoices) {
            YearMonth period = YearMonth.parse(invoice.period());
            invoiced.add(period);
            first = period.isBefore(first) ? period : first;
        }
        List<AccountLedger.Advance> advances = new ArrayList<>();
        for (YearMonth period = first; !period.isAfter(current); period = period.plusMonths(1)) {
            if (invoiced.contains(period)) {
                continue;
            }
            Invoice expected;
            try {
                expected = builder.build(account.id(), period, List.of());
            } catch (RuntimeException broken) {
                LOG.warn("account {}: its fees of {} cannot be worked out, so no advance of them is debited: {}", account.id(), period,
                        broken.getMessage());
                continue;
            }
            long gross = expected == null ? 0 : expected.advanceGrossMinor();
            if (gross != 0) {
                advances.add(new AccountLedger.Advance(period.toString(), period.atDay(1), gross));
            }
        }
        return advances;
    }
}
