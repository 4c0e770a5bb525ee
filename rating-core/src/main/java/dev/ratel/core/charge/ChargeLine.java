package dev.ratel.core.charge;

import dev.ratel.core.tax.LineAmounts;

/**
 * One line of an invoice: what was charged, how many, at what list price, for which share of the
 * period, and the rounded amounts. {@code shareNumerator / shareDenominator} is 1/1 unless a daily
 * pro-rata applied (days charged / days in the month). {@code inAdvance}: a fee due on the period's
 * first day (an account paying in advance is debited it then).
 */
public record ChargeLine(String code, String description, long quantity, String unit, long unitPriceScaled,
                         long shareNumerator, long shareDenominator, int taxBasisPoints, LineAmounts amounts, boolean inAdvance) {
    /** A line due with the invoice, not in advance. */
    public ChargeLine(String code, String description, long quantity, String unit, long unitPriceScaled,
                      long shareNumerator, long shareDenominator, int taxBasisPoints, LineAmounts amounts) {
        this(code, description, quantity, unit, unitPriceScaled, shareNumerator, shareDenominator, taxBasisPoints, amounts, false);
    }
}
