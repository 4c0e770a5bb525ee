package dev.ratel.core.tariff;

/** When a recurring fee is charged. */
public enum FeeTiming {
    /** In full on the 1st, whatever the days used (Keńse). */
    IN_ADVANCE,
    /** After the month, for the month just ended (Cloud PBX). */
    IN_ARREARS
}
