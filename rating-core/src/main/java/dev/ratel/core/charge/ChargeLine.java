package dev.ratel.core.charge;

import dev.ratel.core.tax.LineAmounts;

/**
 * One line of an invoice: what was charged, how many, at what list price, for which share of the
 * period, and the rounded amounts. {@code shareNumerator / shareDenominator} is 1/1 unless a daily
 * pro-rata applied (days charged / days in the month).
 */
public record ChargeLine(String code, String description, long quantity, String unit, long unitPriceScaled,
                         long shareNumerator, long shareDenominator, int taxBasisPoints, LineAmounts amounts) {
}
