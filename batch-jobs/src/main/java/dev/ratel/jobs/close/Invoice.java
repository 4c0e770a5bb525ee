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
     * mixes prices; {@code taxBasisPoints} 1200 = 12 %; {@code inAdvance}: a fee due on the period's
     * first day.
     */
    public record Line(int lineNo, String code, String description, String quantity, String unit, Long unitPriceScaled,
                       int taxBasisPoints, LineAmounts amounts, boolean inAdvance) {
        /** A line due with the invoice. */
        public Line(int lineNo, String code, String description, String quantity, String unit, Long unitPriceScaled,
                    int taxBasisPoints, LineAmounts amounts) {
            this(lineNo, code, description, quantity, unit, unitPriceScaled, taxBasisPoints, amounts, false);
        }
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

    /** The gross of the lines due on the period's first day, in minor units. */
    public long advanceGrossMinor() {
        long gross = 0;
        for (Line line : lines) {
            if (line.inAdvance()) {
                gross += line.amounts().grossMinor();
            }
        }
        return gross;
    }

    public Invoice numbered(String number) {
        return new Invoice(number, accountId, period, planId, issueDate, dueDate, currency, lines, flags);
    }

    public Invoice withLines(List<Line> newLines) {
        return new Invoice(invoiceNo, accountId, period, planId, issueDate, dueDate, currency, newLines, flags);
    }

    /** The flags in a stable order, separated by '|' as the CSV and the database keep them. */
    public String flagsText() {
        return String.join("|", new java.util.TreeSet<>(flags));
    }
}
