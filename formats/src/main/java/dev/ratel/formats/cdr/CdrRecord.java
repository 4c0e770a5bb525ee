package dev.ratel.formats.cdr;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import java.nio.charset.StandardCharsets;

/**
 * One CDR in the canonical fields of the contract, as a reused flyweight: readers fill it, the
 * journal copies it. Text fields are UTF-8 bytes of bounded length; numbers are digits in
 * international form in a {@code long} (0 = none); the start is epoch millis UTC.
 */
public final class CdrRecord {
    /** Longest record id or source name, in UTF-8 bytes. */
    public static final int MAX_ID_BYTES = 64;
    /** The source of records whose {@code source} column is empty. */
    public static final byte[] DEFAULT_SOURCE = "default".getBytes(StandardCharsets.US_ASCII);

    public final byte[] recordId = new byte[MAX_ID_BYTES];
    public int recordIdLength;
    public final byte[] source = new byte[MAX_ID_BYTES];
    public int sourceLength;
    public Service service;
    public Direction direction;
    public long subscriber;
    public long otherParty;
    public long startEpochMillis;
    public long durationSeconds;
    public long volumeBytes;
    public int smsChars;
    public SmsEncoding smsEncoding;
    /** 1-based line of the record in its file. */
    public long line;

    public void clear() {
        recordIdLength = 0;
        sourceLength = 0;
        service = null;
        direction = null;
        subscriber = 0;
        otherParty = 0;
        startEpochMillis = 0;
        durationSeconds = 0;
        volumeBytes = 0;
        smsChars = 0;
        smsEncoding = SmsEncoding.GSM7;
        line = 0;
    }

    /** Copies {@code length} bytes as the record id; false if longer than {@link #MAX_ID_BYTES}. */
    public boolean setRecordId(byte[] bytes, int start, int length) {
        if (length > MAX_ID_BYTES) {
            return false;
        }
        System.arraycopy(bytes, start, recordId, 0, length);
        recordIdLength = length;
        return true;
    }

    /** Copies the source name; an empty one becomes {@code default}. False if too long. */
    public boolean setSource(byte[] bytes, int start, int length) {
        if (length == 0) {
            System.arraycopy(DEFAULT_SOURCE, 0, source, 0, DEFAULT_SOURCE.length);
            sourceLength = DEFAULT_SOURCE.length;
            return true;
        }
        if (length > MAX_ID_BYTES) {
            return false;
        }
        System.arraycopy(bytes, start, source, 0, length);
        sourceLength = length;
        return true;
    }

    public String recordIdText() {
        return new String(recordId, 0, recordIdLength, StandardCharsets.UTF_8);
    }

    public String sourceText() {
        return new String(source, 0, sourceLength, StandardCharsets.UTF_8);
    }

    /** Copies every field of another record. */
    public void copyFrom(CdrRecord other) {
        System.arraycopy(other.recordId, 0, recordId, 0, other.recordIdLength);
        recordIdLength = other.recordIdLength;
        System.arraycopy(other.source, 0, source, 0, other.sourceLength);
        sourceLength = other.sourceLength;
        service = other.service;
        direction = other.direction;
        subscriber = other.subscriber;
        otherParty = other.otherParty;
        startEpochMillis = other.startEpochMillis;
        durationSeconds = other.durationSeconds;
        volumeBytes = other.volumeBytes;
        smsChars = other.smsChars;
        smsEncoding = other.smsEncoding;
        line = other.line;
    }
}
