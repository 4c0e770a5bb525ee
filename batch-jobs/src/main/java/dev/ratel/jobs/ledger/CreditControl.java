package dev.ratel.jobs.ledger;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.jobs.close.InvoiceStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Credit control on a day, as the «Кабинет» seed describes it: an account paying in advance whose
 * balance is below zero, and a credit account with an invoice unpaid past its due date, are in
 * debt, and each of their active numbers is blocked for debt ({@code BLOCKED_DEBT}); a number
 * blocked for debt stays blocked until the debt is paid, and is then made active again. The result
 * is a list of status changes in the layout of {@code number-status.csv}, to be merged into it.
 */
public final class CreditControl {
    /** A status change of a number, with the account's balance and the reason. */
    public record Change(String number, String accountId, NumberStatus status, LocalDate from, long balanceMinor, String reason) {
    }

    private CreditControl() {
    }

    /**
     * Writes the changes to {@code OUT/credit-control-DATE.csv} ({@code number, status, from}, the
     * layout of number-status.csv, then {@code account_id, balance, reason}); returns the file.
     */
    public static java.nio.file.Path write(java.nio.file.Path out, LocalDate day, List<Change> changes) throws java.io.IOException {
        java.nio.file.Path file = out.resolve("credit-control-" + day + ".csv");
        dev.ratel.jobs.documents.AtomicFile.write(file, stream -> {
            java.io.Writer writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
            dev.ratel.formats.csv.SafeCsvPrinter csv = new dev.ratel.formats.csv.SafeCsvPrinter(writer,
                    "number", "status", "from", "account_id", "balance", "reason");
            for (Change change : changes) {
                csv.printRecord(change.number(), change.status(), change.from(), change.accountId(),
                        dev.ratel.core.money.Money.formatMinor(change.balanceMinor()), change.reason());
            }
            csv.flush();
        });
        return file;
    }

    /**
     * The changes on {@code day}: {@code invoices} are those of periods up to the day's ({@link InvoiceStore#issuedUpTo});
     * an advance payer's fees of a period not invoiced yet are worked out from {@code plans} and {@code taxes}.
     */
    public static List<Change> assess(LocalDate day, ReferenceData reference, Map<String, dev.ratel.core.tariff.TariffPlan> plans,
                                      dev.ratel.core.tax.TaxTable taxes, List<InvoiceStore.Issued> invoices) {
        AdvanceBilling advances = new AdvanceBilling(reference, plans, taxes);
        Map<String, List<InvoiceStore.Issued>> byAccount = new TreeMap<>();
        for (InvoiceStore.Issued invoice : invoices) {
            byAccount.computeIfAbsent(invoice.accountId(), k -> new ArrayList<>()).add(invoice);
        }
        List<Change> changes = new ArrayList<>();
        for (String accountId : new java.util.TreeSet<>(reference.accounts().keySet())) {
            Account account = reference.account(accountId);
            AccountLedger ledger = advances.ledger(accountId, byAccount.getOrDefault(accountId, List.of()), day);
            long balance = ledger.balanceAt(day);
            String reason = null;
            if (account.paymentMethod() == PaymentMethod.ADVANCE && balance < 0) {
                reason = "advance balance below zero";
            } else if (account.paymentMethod() == PaymentMethod.CREDIT) {
                AccountLedger.Entry overdue = ledger.overdueAt(day);
                if (overdue != null) {
                    reason = "invoice " + overdue.document() + " unpaid past its due date " + overdue.dueDate();
                }
            }
            for (NumberHolding number : reference.numbers(accountId)) {
                if (!number.activeOn(day)) {
                    continue;
                }
                NumberStatus status = number.statusOn(day);
                if (reason != null && status == NumberStatus.ACTIVE) {
                    changes.add(new Change(number.number(), accountId, NumberStatus.BLOCKED_DEBT, day, balance, reason));
                } else if (reason == null && status == NumberStatus.BLOCKED_DEBT) {
                    changes.add(new Change(number.number(), accountId, NumberStatus.ACTIVE, day, balance, "debt paid"));
                }
            }
        }
        return changes;
    }
}
