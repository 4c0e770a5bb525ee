package dev.ratel.core.tariff;

/** How a recurring fee reacts to days a number was blocked. */
public enum Proration {
    /** Always the full fee. */
    NONE,
    /**
     * The Cloud PBX rule: for days blocked at the customer's or the operator's request the fee is
     * charged per day (fee x days not so blocked / days in the month, on the net amount); days
     * blocked for debt are charged in full.
     */
    DAILY_EXCEPT_DEBT,
    /**
     * For the days held: an option or resource (or numbers) counted day by day, and each day's units
     * above the included quantity charged at the price / days in the month: an option taken on the
     * 21st of a 31-day month costs 11/31 of its price.
     */
    DAILY
}
