package dev.ratel.core.tariff;

/**
 * When a bucket's allowance becomes valid within a period. Either way it is granted in full and
 * expires at 23:59:59 on the period's last day in the plan's time zone (the Keńse seed: granted on
 * the 1st or on connection, cancelled at 23:59 on the last day of the month).
 */
public enum BucketStart {
    PERIOD_START,
    ACTIVATION
}
