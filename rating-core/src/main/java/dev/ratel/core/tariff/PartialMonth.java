package dev.ratel.core.tariff;

/**
 * How a recurring fee is charged for a month its subscription holds on some days only: it starts or
 * ends within the month (a customer joins or leaves, a plan changes: the end of one subscription and
 * the start of another). Blocked days and days without a connected number are {@link Proration}'s.
 */
public enum PartialMonth {
    /** The whole fee for any month the subscription holds on at least one day (Keńse: «в полном размере, вне зависимости от количества дней»). */
    FULL,
    /** The fee times the days held over the days of the month. */
    DAILY,
    /**
     * Charged from the first whole month: nothing for a month the subscription starts after the 1st, the
     * whole fee for a month it ends in. A plan change from such a plan to another so costs one fee that month.
     */
    FROM_NEXT_MONTH
}
