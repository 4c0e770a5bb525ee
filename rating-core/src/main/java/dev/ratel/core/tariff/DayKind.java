package dev.ratel.core.tariff;

/** The kind of a local day for time-of-day rate variants. A public holiday is a HOLIDAY, not a weekday. */
public enum DayKind {
    WEEKDAY,
    WEEKEND,
    HOLIDAY
}
