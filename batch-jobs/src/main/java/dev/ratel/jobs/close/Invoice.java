package dev.ratel.jobs.close;

import dev.ratel.core.money.Currency;
import dev.ratel.core.tax.LineAmounts;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An invoice of one account for one period. {@code invoiceNo} is null until it is issued; once
 * issued it is stored and never changes.
 */
public record Invoice(String invoiceNo, String accountId, String period, String planId, LocalDate issueDate,
                      LocalDate dueDate, Currency currency, List<Line> lines, Set<String> flags) {
    /**
     * One line: {@code quantity} is a decimal string in {@code unit}; {@code unitPriceScaled} is the
     * list price per unit (1/10 000 of a unit, in the plan's tax basis), null where a usage line
     * mixes prices; {@code taxBasisPoints} 1200 = 12 %.
     */
    public record Line(int lineNo, String code, String description, String quantity, String unit, Long unitPriceScaled,
                       int taxBasisPoints, LineAmounts amounts) {
    }

    public Invoice {
        lines = List.copyOf(lines);
        flags = Set.copyOf(new java.util.TreeSet<>(flags));
    }

    public LineAmounts total() {
        LineAmounts total = LineAmounts.ZERO;
        for (Line line : lines) {
            total = total.plus(line.amounts());
        }
        return total;
    }

    public Invoice numbered(String number) {
        return new Invoice(number, accountId, period, planId, issueDate, dueDate, currency, lines, flags);
    }

    /** The flags in a stable order, separated by '|' as the CSV and the database keep them. */
    public String flagsText() {
        return String.join("|", new java.util.TreeSet<>(flags));
    }
}
