package dev.ratel.formats.journal;

import java.nio.charset.StandardCharsets;

/**
 * One row of {@link RatedUsageParquet#SCHEMA}, reused for every row an export writes and copied by
 * {@link RatedUsageWriter#write}: ids come as the journal's bytes, numbers as longs (written as their
 * decimal digits), and names as UTF-8 bytes the caller makes once per name rather than per row.
 */
public final class RatedRow {
    public final byte[] recordId = new byte[64];
    public int recordIdLength;
    public final byte[] source = new byte[64];
    public int sourceLength;
    public Name accountId;
    public long subscriber;
    public Name service;
    public Name direction;
    /** 0 when there is none (data). */
    public long otherParty;
    public long startEpochMillis;
    public Name period;
    public Name planId;
    /** null when none. */
    public Name destinationClass;
    public long billedUnits;
    public long allowanceUnits;
    public long amountScaled;
    public Name currency;
    public boolean late;
    public boolean throttled;
    /** The rule's charge code; null when unknown (usage rated before Ratel kept it). */
    public Name chargeCode;

    /**
     * A name's UTF-8 bytes: a range of an array that must not change while a row naming it is being
     * written (the writer copies what it keeps).
     */
    public record Name(byte[] bytes, int offset, int length) {
        public static Name of(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            return new Name(bytes, 0, bytes.length);
        }

        @Override
        public String toString() {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
    }
}
