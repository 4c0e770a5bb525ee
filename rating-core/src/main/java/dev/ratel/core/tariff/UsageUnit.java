package dev.ratel.core.tariff;

/** What an allowance bucket counts. */
public enum UsageUnit {
    SECONDS,
    SMS,
    BYTES,
    /** Money in the plan's currency, scaled units: a call credit such as «Просто»'s 200 RUB. */
    MONEY
}
