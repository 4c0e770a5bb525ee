package dev.ratel.jobs.ledger;

import dev.ratel.core.account.Payment;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.jobs.close.InvoiceStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An account's ledger: each issued invoice a debit on its issue date, each payment of
 * {@code payments.csv} a credit on the day it was paid. The balance is credits minus debits, in
 * minor units: positive when the customer has paid ahead, negative when it owes.
 *
 * <p>An account paying in advance ({@link PaymentMethod#ADVANCE}) is debited a period's fees billed in
 * advance on the period's first day (Keńse: «абонентская плата ... списывается первого числа»), and the
 * rest of the invoice on its issue date; for a period not invoiced yet, the fees its plans say are due in
 * advance ({@link Advance}) stand in for the invoice's lines until it is issued.
 */
public final class AccountLedger {
    /** One entry; {@code debit} and {@code credit} in minor units, one of them zero. */
    public record Entry(LocalDate date, String document, String description, long debit, long credit, LocalDate dueDate) {
    }

    /** A period's fees due in advance while its invoice is not issued yet: gross, in minor units, due on {@code dueOn}. */
    public record Advance(String period, LocalDate dueOn, long grossMinor) {
    }

    private final String accountId;
    private final List<Entry> entries;

    /** The ledger of an account paying on credit: each invoice due whole on its issue date. */
    public AccountLedger(String accountId, List<InvoiceStore.Issued> invoices, List<Payment> payments) {
        this(accountId, PaymentMethod.CREDIT, invoices, List.of(), payments);
    }

    /**
     * @param openAdvances fees due in advance of periods not invoiced yet (read only for an advance payer)
     */
    public AccountLedger(String accountId, PaymentMethod method, List<InvoiceStore.Issued> invoices, List<Advance> openAdvances,
                         List<Payment> payments) {
        this.accountId = accountId;
        List<Entry> all = new ArrayList<>();
        for (InvoiceStore.Issued invoice : invoices) {
            long advance = method == PaymentMethod.ADVANCE ? invoice.advanceGross() : 0;
            if (advance != 0) {
                LocalDate first = java.time.YearMonth.parse(invoice.period()).atDay(1);
                all.add(new Entry(first, invoice.invoiceNo(), "Абонентская плата за " + invoice.period() + " (аванс)", advance, 0, first));
            }
            if (invoice.gross() - advance != 0 || advance == 0) {
                all.add(new Entry(invoice.issueDate(), invoice.invoiceNo(), "Счёт за " + invoice.period()
                        + (advance != 0 ? " (без аванса)" : ""), invoice.gross() - advance, 0, invoice.dueDate()));
            }
        }
        if (method == PaymentMethod.ADVANCE) {
            for (Advance advance : openAdvances) {
                all.add(new Entry(advance.dueOn(), "", "Абонентская плата за " + advance.period() + " (аванс; счёт за месяц не выставлен)",
                        advance.grossMinor(), 0, advance.dueOn()));
            }
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
