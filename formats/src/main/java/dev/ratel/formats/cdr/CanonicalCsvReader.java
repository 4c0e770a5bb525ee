package dev.ratel.formats.cdr;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the contract's canonical CDR CSV: a header row, then one record a row, columns by name in
 * any order, unknown columns ignored.
 *
 * <pre>
 * record_id     required  id from the source system; with source, the key for duplicate detection
 * source        optional  switch, SMSC or gateway; empty = "default"
 * service       required  VOICE | SMS | DATA
 * direction     required  OUT | IN | FWD
 * subscriber    required  the charged number, digits in international form
 * other_party   VOICE/SMS the called number (OUT, FWD) or the calling number (IN)
 * start_time    required  ISO-8601 with an offset: 2024-05-17T10:15:30+05:00
 * duration_s    VOICE     answered seconds
 * volume_bytes  DATA      uplink + downlink bytes
 * sms_chars     SMS       characters of the text
 * sms_encoding  SMS       GSM7 | UCS2
 * </pre>
 *
 * A file without one of the always-required columns cannot be read at all
 * ({@link CdrFormatException} naming the column); a row with a bad value is rejected with the field
 * named.
 */
public final class CanonicalCsvReader extends CsvCdrReader {
    public static final List<String> REQUIRED_COLUMNS = List.of("record_id", "service", "direction", "subscriber", "start_time");
    private static final byte[] VOICE = ascii("VOICE");
    private static final byte[] SMS = ascii("SMS");
    private static final byte[] DATA = ascii("DATA");
    private static final byte[] OUT = ascii("OUT");
    private static final byte[] IN = ascii("IN");
    private static final byte[] FWD = ascii("FWD");
    private static final byte[] GSM7 = ascii("GSM7");
    private static final byte[] UCS2 = ascii("UCS2");

    private final int headerFields;
    private final int recordId;
    private final int source;
    private final int service;
    private final int direction;
    private final int subscriber;
    private final int otherParty;
    private final int startTime;
    private final int duration;
    private final int volume;
    private final int smsChars;
    private final int smsEncoding;

    /**
     * Reads the header.
     *
     * @throws CdrFormatException when the header lacks a required column
     */
    public CanonicalCsvReader(InputStream in, String fileName) throws IOException {
        super(new CsvScanner(in, ','));
        if (!scanner.next() || scanner.malformedReason() != null) {
            throw new CdrFormatException(fileName + ":1: expected a header row naming the columns "
                    + String.join(", ", REQUIRED_COLUMNS) + " ...");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < scanner.fieldCount(); i++) {
            columns.putIfAbsent(scanner.text(i).trim().replace("\uFEFF", ""), i);
        }
        for (String column : REQUIRED_COLUMNS) {
            if (!columns.containsKey(column)) {
                throw new CdrFormatException(fileName + ":1: missing required column '" + column
                        + "'; the header has: " + String.join(", ", columns.keySet()));
            }
        }
        headerFields = scanner.fieldCount();
        recordId = columns.get("record_id");
        source = columns.getOrDefault("source", -1);
        service = columns.get("service");
        direction = columns.get("direction");
        subscriber = columns.get("subscriber");
        otherParty = columns.getOrDefault("other_party", -1);
        startTime = columns.get("start_time");
        duration = columns.getOrDefault("duration_s", -1);
        volume = columns.getOrDefault("volume_bytes", -1);
        smsChars = columns.getOrDefault("sms_chars", -1);
        smsEncoding = columns.getOrDefault("sms_encoding", -1);
    }

    @Override
    protected Result map(CdrRecord record) {
        if (scanner.fieldCount() != headerFields) {
            return reject(RejectReason.MALFORMED_ROW, "has " + scanner.fieldCount() + " fields, the header has " + headerFields);
        }
        byte[] d = scanner.data();
        if (scanner.length(recordId) == 0) {
            return reject(RejectReason.MISSING_FIELD, "record_id is empty");
        }
        if (!record.setRecordId(d, scanner.start(recordId), scanner.length(recordId))) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "record_id is longer than " + CdrRecord.MAX_ID_BYTES + " bytes");
        }
        boolean sourceOk = source < 0 ? record.setSource(d, 0, 0) : record.setSource(d, scanner.start(source), scanner.length(source));
        if (!sourceOk) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "source is longer than " + CdrRecord.MAX_ID_BYTES + " bytes");
        }
        int badByte = Utf8Text.firstBadByte(record.recordId, 0, record.recordIdLength);
        if (badByte >= 0) {
            return reject(RejectReason.BAD_TEXT, Utf8Text.describeBadByte("record_id", record.recordId, 0, badByte));
        }
        badByte = Utf8Text.firstBadByte(record.source, 0, record.sourceLength);
        if (badByte >= 0) {
            return reject(RejectReason.BAD_TEXT, Utf8Text.describeBadByte("source", record.source, 0, badByte));
        }
        if (scanner.is(service, VOICE)) {
            record.service = Service.VOICE;
        } else if (scanner.is(service, SMS)) {
            record.service = Service.SMS;
        } else if (scanner.is(service, DATA)) {
            record.service = Service.DATA;
        } else {
            return reject(RejectReason.UNKNOWN_SERVICE, "service '" + scanner.text(service) + "' is not VOICE, SMS or DATA");
        }
        if (scanner.is(direction, OUT)) {
            record.direction = Direction.OUT;
        } else if (scanner.is(direction, IN)) {
            record.direction = Direction.IN;
        } else if (scanner.is(direction, FWD)) {
            record.direction = Direction.FWD;
        } else {
            return reject(RejectReason.BAD_FIELD, "direction '" + scanner.text(direction) + "' is not OUT, IN or FWD");
        }
        record.subscriber = phoneNumber(subscriber);
        if (record.subscriber <= 0) {
            return rejectNumber("subscriber", subscriber);
        }
        if (record.service != Service.DATA) {
            if (otherParty < 0 || scanner.length(otherParty) == 0) {
                return reject(RejectReason.MISSING_FIELD, "other_party is required for " + record.service);
            }
            record.otherParty = phoneNumber(otherParty);
            if (record.otherParty <= 0) {
                return rejectNumber("other_party", otherParty);
            }
        }
        long start = Timestamps.parseOffsetMillis(d, scanner.start(startTime), scanner.end(startTime));
        if (start == Timestamps.INVALID || start == Timestamps.NO_OFFSET) {
            return reject(RejectReason.BAD_TIMESTAMP, "start_time '" + scanner.text(startTime)
                    + "' is not an ISO-8601 instant with an offset such as 2024-05-17T10:15:30+05:00");
        }
        record.startEpochMillis = start;
        switch (record.service) {
            case VOICE: {
                long seconds = quantity(duration);
                if (seconds < 0) {
                    return rejectQuantity("duration_s", duration);
                }
                record.durationSeconds = seconds;
                break;
            }
            case DATA: {
                long bytes = quantity(volume);
                if (bytes < 0) {
                    return rejectQuantity("volume_bytes", volume);
                }
                record.volumeBytes = bytes;
                break;
            }
            default: {
                long chars = quantity(smsChars);
                if (chars < 0) {
                    return rejectQuantity("sms_chars", smsChars);
                }
                record.smsChars = (int) Math.min(chars, Integer.MAX_VALUE);
                if (smsEncoding < 0 || scanner.length(smsEncoding) == 0) {
                    return reject(RejectReason.MISSING_FIELD, "sms_encoding is required for SMS");
                } else if (scanner.is(smsEncoding, GSM7)) {
                    record.smsEncoding = SmsEncoding.GSM7;
                } else if (scanner.is(smsEncoding, UCS2)) {
                    record.smsEncoding = SmsEncoding.UCS2;
                } else {
                    return reject(RejectReason.BAD_FIELD, "sms_encoding '" + scanner.text(smsEncoding) + "' is not GSM7 or UCS2");
                }
            }
        }
        return Result.RECORD;
    }

    private long phoneNumber(int field) {
        long value = scanner.digits(field);
        return value > 0 && scanner.length(field) <= 16 && scanner.data()[scanner.start(field)] != '0' ? value : -1;
    }

    /** A quantity field: -1 missing, -2 negative, -3 not a number, else the value. */
    private long quantity(int field) {
        if (field < 0 || scanner.length(field) == 0) {
            return -1;
        }
        long value = scanner.digits(field);
        if (value >= 0) {
            return value;
        }
        return scanner.data()[scanner.start(field)] == '-' ? -2 : -3;
    }

    private Result rejectQuantity(String name, int field) {
        long value = quantity(field);
        if (value == -1) {
            return reject(RejectReason.MISSING_FIELD, name + " is required");
        }
        if (value == -2) {
            return reject(RejectReason.BAD_DURATION, name + " '" + scanner.text(field) + "' is negative");
        }
        return reject(RejectReason.BAD_FIELD, name + " '" + scanner.text(field) + "' is not a whole number");
    }

    private Result rejectNumber(String name, int field) {
        return reject(RejectReason.BAD_NUMBER, name + " '" + scanner.text(field)
                + "' is not 1 to 16 digits in international form without '+'");
    }




    @Override
    public String rejectedRecordId() {
        return scanner.fieldCount() > recordId ? scanner.text(recordId) : "";
    }




    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
