package dev.ratel.jobs.ledger;

import dev.ratel.core.account.Payment;
import dev.ratel.jobs.close.InvoiceStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An account's ledger: each issued invoice a debit on its issue date, each payment of
 * {@code payments.csv} a credit on the day it was paid. The balance is credits minus debits, in
 * minor units: positive when the customer has paid ahead, negative when it owes.
 */
public final class AccountLedger {
    /** One entry; {@code debit} and {@code credit} in minor units, one of them zero. */
    public record Entry(LocalDate date, String document, String description, long debit, long credit, LocalDate dueDate) {
    }

    private final String accountId;
    private final List<Entry> entries;

    public AccountLedger(String accountId, List<InvoiceStore.Issued> invoices, List<Payment> payments) {
        this.accountId = accountId;
        List<Entry> all = new ArrayList<>();
        for (InvoiceStore.Issued invoice : invoices) {
            all.add(new Entry(invoice.issueDate(), invoice.invoiceNo(), "Счёт за " + invoice.period(), invoice.gross(), 0, invoice.dueDate()));
        }
        for (Payment payment : payments) {
            all.add(new Entry(payment.paidOn(), payment.reference(), "Оплата", 0, payment.amountMinor(), null));
        }
        // on one day, the invoice first, then payments: a payment on the issue date settles it
        all.sort(Comparator.comparing(Entry::date).thenComparing(entry -> entry.credit() > 0).thenComparing(Entry::document));
        this.entries = List.copyOf(all);
    }

    public String accountId() {
        return accountId;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The balance at the end of {@code day}. */
    public long balanceAt(LocalDate day) {
        long balance = 0;
        for (Entry entry : entries) {
            if (!entry.date().isAfter(day)) {
                balance += entry.credit() - entry.debit();
            }
        }
        return balance;
    }

    /**
     * The oldest invoice not fully paid by the end of {@code day} whose due date has passed, payments
     * settling invoices oldest first; null when there is none.
     */
    public Entry overdueAt(LocalDate day) {
        long paid = 0;
        for (Entry entry : entries) {
            if (!entry.date().isAfter(day)) {
                paid += entry.credit();
            }
        }
        for (Entry entry : entries) {
            if (entry.debit() == 0 || entry.date().isAfter(day)) {
                continue;
            }
            if (paid >= entry.debit()) {
                paid -= entry.debit();
                continue;
            }
            return entry.dueDate().isBefore(day) ? entry : null;
        }
        return null;
    }
}
