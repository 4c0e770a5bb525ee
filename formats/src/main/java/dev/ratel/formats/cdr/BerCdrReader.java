package dev.ratel.formats.cdr;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.time.ZoneOffsetTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the CDR files mobile operators' network elements write: 3GPP TS 32.298 charging records in
 * ASN.1 BER, in TS 32.297 file framing (or, from elements that write none, as BER records one after
 * another). Voice (MSC MO and MT call records), SMS (MO and MT SMS records) and data (PGW records)
 * become Ratel's records; every other record, and every record that is no usage, is a reject with its
 * reason.
 *
 * <pre>
 * TS 32.297 file, integers big-endian:
 *   file header: u32 file length, u32 header length (from the file's first byte), u8 high and u8 low
 *     release/version, u32 opening and u32 last-append timestamps, u32 number of CDRs, u32 file sequence
 *     number, u8 closure reason, 20 bytes node address, u8 lost-CDR indicator, u16 + routing filter,
 *     u16 + private extension, [release extensions]       (skipped whole by its header length)
 *   then per CDR: u16 CDR length, u8 release/version (bits 8-6 release; 7 = a release-extension byte
 *     follows), u8 data record format (bits 8-6; 1 = BER) and TS number (bits 5-1), [u8 release
 *     extension], then the CDR's BER bytes
 * A CDR is the CallEventRecord CHOICE, context-tagged and implicit:
 *   [0] moCallRecord  [1] mtCallRecord  [6] moSMSRecord  [7] mtSMSRecord  [78] sGWRecord  [79] pGWRecord
 * </pre>
 *
 * Mapping (tags of TS 32.298's modules, each record a SET of context-tagged fields):
 * <ul>
 * <li>MO call: VOICE OUT; subscriber servedMSISDN [3] (else callingNumber [4]); other party calledNumber
 *   [5]; start answerTime [23] (else seizureTime [22]); duration callDuration [25]; id from
 *   recordingEntity [9], callReference [32] and sequenceNumber [33]. Not answered (no answer time and
 *   no duration): NOT_BILLABLE.</li>
 * <li>MT call: VOICE IN; subscriber servedMSISDN [3]; other party callingNumber [4]; start answerTime
 *   [20] (else seizureTime [19]); duration callDuration [22]; id from recordingEntity [9],
 *   callReference [28] and sequenceNumber [29].</li>
 * <li>MO SMS: SMS OUT, one part; subscriber servedMSISDN [3]; other party destinationNumber [12] (a
 *   TS 23.040 address); time originationTime [9]; a result smsResult [10] means it failed:
 *   NOT_BILLABLE. Id from servedIMSI [1], the time and messageReference [8].</li>
 * <li>MT SMS: SMS IN, one part; subscriber servedMSISDN [4]; no other party; time deliveryTime [8];
 *   smsResult [9] means it failed. Id from servedIMSI [2] and the time.</li>
 * <li>PGW: DATA OUT; subscriber servedMSISDN [22]; start recordOpeningTime [13]; duration [14];
 *   volume the uplink + downlink of listOfTrafficVolumes [12] (dataVolumeGPRSUplink [3], Downlink
 *   [4]), or where it has none of listOfServiceData [34] (datavolumeFBCUplink [12], Downlink [13]):
 *   never both, which count the same bytes. Id from p-GWAddress [4], chargingID [5] and
 *   recordSequenceNumber [17]. SGW records count the same session's bytes again on the serving
 *   side: NOT_BILLABLE.</li>
 * </ul>
 * Numbers: an international type of number (TON 1) is taken as it is; any other goes through the
 * national forms of {@link NumberForms} with the source's local prefix. Timestamps are TS 32.298's nine
 * octets: YYMMDDhhmmss in BCD, then '+' or '-' and the offset from UTC as hhmm in BCD (a six-octet one
 * is read in the source's zone).
 *
 * <p><b>Why a TLV reader of its own.</b> An ASN.1 library decodes a record into an object per element
 * (Bouncy Castle's {@code ASN1InputStream}: a dozen objects and byte arrays per CDR, measured in
 * {@code BerCdrReaderBenchmark}); a file holds millions of records. This reader walks the tags and
 * lengths in one reused buffer and keeps only the fields the mapping needs. The tests encode their
 * files with Bouncy Castle from the published modules' tags, so the two do not share a mistake.
 */
public final class BerCdrReader implements CdrReader {
    /** The most bytes a CDR may have: its length is 16 bits in the framing. */
    private static final int MAX_RECORD_BYTES = 65_535;
    private static final int TAG_MO_CALL = 0;
    private static final int TAG_MT_CALL = 1;
    private static final int TAG_MO_SMS = 6;
    private static final int TAG_MT_SMS = 7;
    private static final int TAG_SGW = 78;
    private static final int TAG_PGW = 79;
    private static final int CONTEXT = 2;

    private final InputStream in;
    private final SwitchSettings settings;
    private final byte[] localPrefix;
    private final ZoneOffsetTable zone;
    private final boolean framed;
    private byte[] buffer = new byte[64 * 1024];
    /** The bytes read and not yet used are {@code buffer[position .. limit)}. */
    private int position;
    private int limit;
    private boolean endOfStream;
    private long ordinal;
    private int recordStart;
    private int recordEnd;
    private RejectReason rejectReason;
    private String rejectDetail;
    private boolean broken;

    // the decoded fields of the record at hand; -1 / 0 where absent
    private int tagEnd;
    private int lengthEnd;
    private final byte[] digits = new byte[40];
    private final byte[] source;
    /** The record's id as it is built, ASCII; {@link #idLength} bytes. */
    private final byte[] id = new byte[3 * CdrRecord.MAX_ID_BYTES];
    private int idLength;
    /** Where the parts of the id lie in the buffer (start, end), -1 where absent: fields of a SET come in any order. */
    private int entityStart;
    private int entityEnd;
    private int referenceStart;
    private int referenceEnd;
    private long sequence;
    private long chargingId;
    private long answerMillis;
    private long seizureMillis;
    private long duration;
    private boolean hasDuration;
    private long subscriber;
    private long fallbackSubscriber;
    private long otherParty;
    private boolean failed;
    private long uplinkVolumes;
    private long serviceVolumes;
    private boolean hasTrafficVolumes;

    /**
     * Opens a file: reads the TS 32.297 file header where there is one (a file of bare BER records starts with a
     * record's context-class tag instead, a byte no file length of under 2 GiB starts with).
     *
     * @throws CdrFormatException when the header is cut short or its header length cannot be right
     */
    public BerCdrReader(InputStream in, SwitchSettings settings) throws IOException {
        this.in = in;
        this.settings = settings;
        this.localPrefix = settings.localAreaPrefix().getBytes(StandardCharsets.US_ASCII);
        this.source = settings.source().getBytes(StandardCharsets.UTF_8);
        this.zone = new ZoneOffsetTable(settings.zone());
        if (!fill(1)) {
            throw new CdrFormatException("the file is empty: no TS 32.297 header and no record");
        }
        framed = (buffer[position] & 0xC0) != 0x80;
        if (framed) {
            if (!fill(8)) {
                throw new CdrFormatException("the TS 32.297 file header is cut short: " + (limit - position) + " bytes");
            }
            long headerLength = u32(position + 4);
            if (headerLength < 52 || headerLength > 1 << 20) {
                throw new CdrFormatException("the TS 32.297 file header gives a header length of " + headerLength
                        + " bytes; it is at least 52: not a TS 32.297 CDR file");
            }
            if (!fill((int) headerLength)) {
                throw new CdrFormatException("the TS 32.297 file header is cut short: " + (limit - position) + " of " + headerLength
                        + " bytes");
            }
            position += (int) headerLength;
        }
    }

    @Override
    public Result next(CdrRecord record) throws IOException {
        if (broken) {
            return Result.END;
        }
        compact();
        if (!fill(1)) {
            return Result.END;
        }
        ordinal++;
        record.clear();
        record.line = ordinal;
        idLength = 0;
        recordStart = position;
        if (framed) {
            if (!fill(4)) {
                return brokenTail("the file ends inside a CDR header");
            }
            int length = u16(position);
            int release = (buffer[position + 2] & 0xFF) >>> 5;
            int format = (buffer[position + 3] & 0xFF) >>> 5;
            int headerLength = release == 7 ? 5 : 4;
            if (!fill(headerLength + length)) {
                return brokenTail("the file ends inside a CDR of " + length + " bytes");
            }
            position += headerLength;
            recordStart = position;
            recordEnd = position + length;
            position = recordEnd;
            if (format != 1) {
                return reject(RejectReason.BAD_FIELD, "the CDR header's data record format is " + format + ", not 1 (BER)");
            }
        } else {
            int end = elementEndStreaming(position);
            if (end < 0) {
                return brokenTail("a record's tag or length is damaged or the file ends inside it; the rest of the file is"
                        + " not read");
            }
            recordEnd = end;
            position = end;
        }
        try {
            return decode(record);
        } catch (MalformedBer e) {
            return reject(RejectReason.MALFORMED_ROW, "the record's BER is damaged: " + e.getMessage());
        }
    }

    private Result brokenTail(String detail) {
        broken = true;
        recordStart = position;
        recordEnd = limit;
        position = limit;
        return reject(RejectReason.MALFORMED_ROW, detail);
    }

    private Result decode(CdrRecord record) {
        int p = recordStart;
        int first = buffer[p] & 0xFF;
        int tag = tagNumber(p, recordEnd);
        if (first >>> 6 != CONTEXT || (first & 0x20) == 0) {
            throw new MalformedBer("the record's tag is not a constructed context-specific one (0x" + Integer.toHexString(first) + ")");
        }
        int length = length(tagEnd, recordEnd);
        int contentStart = lengthEnd;
        int contentEnd = length < 0 ? recordEnd - 2 : contentStart + length;
        if (contentEnd > recordEnd) {
            throw new MalformedBer("the record's length runs past its end");
        }
        resetFields();
        switch (tag) {
            case TAG_MO_CALL: return call(record, contentStart, contentEnd, true);
            case TAG_MT_CALL: return call(record, contentStart, contentEnd, false);
            case TAG_MO_SMS: return sms(record, contentStart, contentEnd, true);
            case TAG_MT_SMS: return sms(record, contentStart, contentEnd, false);
            case TAG_PGW: return data(record, contentStart, contentEnd);
            case TAG_SGW: return reject(RejectReason.NOT_BILLABLE, "an SGW record: data is billed from the PGW records of the same"
                    + " session, which count the same bytes");
            default: return reject(RejectReason.NOT_BILLABLE, "a record of kind [" + tag + "] of TS 32.298's CallEventRecord: not"
                    + " voice, SMS or data usage");
        }
    }

    private void resetFields() {
        idLength = 0;
        entityStart = -1;
        entityEnd = -1;
        referenceStart = -1;
        referenceEnd = -1;
        sequence = 0;
        chargingId = -1;
        answerMillis = -1;
        seizureMillis = -1;
        duration = 0;
        hasDuration = false;
        subscriber = 0;
        fallbackSubscriber = 0;
        otherParty = 0;
        failed = false;
        uplinkVolumes = 0;
        serviceVolumes = 0;
        hasTrafficVolumes = false;
    }

    // field tags of the MO and MT call records (TS 32.298 CSChargingDataTypes)
    private Result call(CdrRecord record, int start, int end, boolean outgoing) {
        for (int p = start; p < end; ) {
            int tag = fieldTag(p, end);
            int valueEnd = valueEnd(p, end);
            int valueStart = lengthEnd;
            p = valueEnd;
            if (tag == 3) {
                subscriber = address(valueStart, valueEnd, false);
            } else if (tag == 4) {
                if (outgoing) {
                    fallbackSubscriber = address(valueStart, valueEnd, true);
                } else {
                    otherParty = address(valueStart, valueEnd, true);
                }
            } else if (tag == 5 && outgoing) {
                otherParty = address(valueStart, valueEnd, true);
            } else if (tag == 9) {
                entityStart = valueStart;
                entityEnd = valueEnd;
            } else if (tag == (outgoing ? 22 : 19)) {
                seizureMillis = timestamp(valueStart, valueEnd);
            } else if (tag == (outgoing ? 23 : 20)) {
                answerMillis = timestamp(valueStart, valueEnd);
            } else if (tag == (outgoing ? 25 : 22)) {
                duration = integer(valueStart, valueEnd);
                hasDuration = true;
            } else if (tag == (outgoing ? 32 : 28)) {
                referenceStart = valueStart;
                referenceEnd = valueEnd;
            } else if (tag == (outgoing ? 33 : 29)) {
                sequence = integer(valueStart, valueEnd);
            }
        }
        idText(outgoing ? MO : MT);
        idDigits(entityStart, entityEnd, true);
        idText(COLON);
        idHex(referenceStart, referenceEnd);
        idText(COLON);
        idNumber(sequence);
        if (!record.setRecordId(id, 0, idLength)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "the call's id is longer than 64 bytes");
        }
        if (!hasDuration) {
            return reject(RejectReason.MISSING_FIELD, "callDuration [" + (outgoing ? 25 : 22) + "] is missing");
        }
        if (answerMillis < 0 && duration == 0) {
            return reject(RejectReason.NOT_BILLABLE, "the call was not answered (no answerTime, callDuration 0)");
        }
        record.service = Service.VOICE;
        record.direction = outgoing ? Direction.OUT : Direction.IN;
        record.startEpochMillis = answerMillis >= 0 ? answerMillis : seizureMillis;
        record.durationSeconds = duration;
        return finish(record, outgoing ? "servedMSISDN [3] or callingNumber [4]" : "servedMSISDN [3]",
                outgoing ? "answerTime [23] or seizureTime [22]" : "answerTime [20] or seizureTime [19]");
    }

    // field tags of the MO and MT SMS records (TS 32.298 CSChargingDataTypes)
    private Result sms(CdrRecord record, int start, int end, boolean outgoing) {
        for (int p = start; p < end; ) {
            int tag = fieldTag(p, end);
            int valueEnd = valueEnd(p, end);
            int valueStart = lengthEnd;
            p = valueEnd;
            if (tag == (outgoing ? 1 : 2)) {
                entityStart = valueStart;
                entityEnd = valueEnd;
            } else if (tag == (outgoing ? 3 : 4)) {
                subscriber = address(valueStart, valueEnd, false);
            } else if (tag == (outgoing ? 9 : 8)) {
                answerMillis = timestamp(valueStart, valueEnd);
            } else if (outgoing && tag == 8) {
                referenceStart = valueStart;
                referenceEnd = valueEnd;
            } else if (outgoing && tag == 12) {
                otherParty = smsAddress(valueStart, valueEnd);
            } else if (tag == (outgoing ? 10 : 9)) {
                failed = true;
            }
        }
        idText(outgoing ? MO_SMS : MT_SMS);
        idDigits(entityStart, entityEnd, false);
        idText(COLON);
        idNumber(answerMillis);
        if (outgoing) {
            idText(COLON);
            idHex(referenceStart, referenceEnd);
        }
        if (!record.setRecordId(id, 0, idLength)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "the message's id is longer than 64 bytes");
        }
        if (failed) {
            return reject(RejectReason.NOT_BILLABLE, "the message failed (smsResult [" + (outgoing ? 10 : 9) + "] is present)");
        }
        record.service = Service.SMS;
        record.direction = outgoing ? Direction.OUT : Direction.IN;
        record.startEpochMillis = answerMillis;
        return finish(record, outgoing ? "servedMSISDN [3]" : "servedMSISDN [4]", outgoing ? "originationTime [9]" : "deliveryTime [8]");
    }

    // field tags of the PGW record (TS 32.298 GPRSChargingDataTypes)
    private Result data(CdrRecord record, int start, int end) {
        for (int p = start; p < end; ) {
            int tag = fieldTag(p, end);
            int valueEnd = valueEnd(p, end);
            int valueStart = lengthEnd;
            p = valueEnd;
            switch (tag) {
                case 4 -> gatewayAddress(valueStart, valueEnd);
                case 5 -> chargingId = integer(valueStart, valueEnd);
                case 12 -> {
                    hasTrafficVolumes = true;
                    uplinkVolumes = volumes(valueStart, valueEnd, 3, 4);
                }
                case 13 -> answerMillis = timestamp(valueStart, valueEnd);
                case 14 -> {
                    duration = integer(valueStart, valueEnd);
                    hasDuration = true;
                }
                case 17 -> sequence = integer(valueStart, valueEnd);
                case 22 -> subscriber = address(valueStart, valueEnd, false);
                case 34 -> serviceVolumes = volumes(valueStart, valueEnd, 12, 13);
                default -> { }
            }
        }
        idText(PGW);
        idHex(referenceStart, referenceEnd);
        idText(COLON);
        idNumber(chargingId);
        idText(COLON);
        idNumber(sequence);
        if (!record.setRecordId(id, 0, idLength)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "the record's id is longer than 64 bytes");
        }
        if (chargingId < 0) {
            return reject(RejectReason.MISSING_FIELD, "chargingID [5] is missing");
        }
        record.service = Service.DATA;
        record.direction = Direction.OUT;
        record.startEpochMillis = answerMillis;
        record.durationSeconds = duration;
        record.volumeBytes = hasTrafficVolumes ? uplinkVolumes : serviceVolumes;
        return finish(record, "servedMSISDN [22]", "recordOpeningTime [13]");
    }

    private Result finish(CdrRecord record, String subscriberField, String timeField) {
        long charged = subscriber != 0 ? subscriber : fallbackSubscriber;
        if (charged == 0) {
            return reject(RejectReason.MISSING_FIELD, subscriberField + " is missing: no number to charge");
        }
        if (charged < 0 || otherParty < 0) {
            return reject(RejectReason.BAD_NUMBER, (charged < 0 ? "the served" : "the other party's") + " number is not digits");
        }
        if (record.startEpochMillis <= 0) {
            return reject(RejectReason.MISSING_FIELD, timeField + " is missing");
        }
        record.subscriber = charged;
        record.otherParty = otherParty;
        if (!record.setSource(source, 0, source.length)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "the source is longer than 64 bytes");
        }
        return Result.RECORD;
    }

    /** The sum of the uplink and downlink volumes of a SEQUENCE OF containers (each a universal SEQUENCE). */
    private long volumes(int start, int end, int uplinkTag, int downlinkTag) {
        long sum = 0;
        for (int p = start; p < end; ) {
            int containerStart = p;
            tagNumber(p, end);
            int containerEnd = valueEnd(containerStart, end);
            int q = lengthEnd;
            p = containerEnd;
            while (q < containerEnd) {
                int tag = fieldTag(q, containerEnd);
                int valueEnd = valueEnd(q, containerEnd);
                int valueStart = lengthEnd;
                q = valueEnd;
                if (tag == uplinkTag || tag == downlinkTag) {
                    long volume = integer(valueStart, valueEnd);
                    if (volume < 0) {
                        throw new MalformedBer("a data volume is negative");
                    }
                    sum += volume;
                    if (sum < 0) {
                        throw new MalformedBer("the data volumes add up past 2^63 bytes");
                    }
                }
            }
        }
        return sum;
    }

    /**
     * A number in TBCD after its type octet (a MAP AddressString, or with {@code directoryNumber} a TS 24.008 BCD
     * number, whose type octet may be followed by a presentation octet); 0 if empty, -1 if not digits.
     */
    private long address(int start, int end, boolean directoryNumber) {
        if (start >= end) {
            return 0;
        }
        int type = buffer[start] & 0xFF;
        int digitsStart = start + 1;
        if (directoryNumber && (type & 0x80) == 0) {
            digitsStart++; // octet 3a: presentation and screening
        }
        return number(type, digitsStart, end);
    }

    /** A TS 23.040 address: the count of digits, the type octet, the digits in TBCD; 0 for an alphanumeric one. */
    private long smsAddress(int start, int end) {
        if (end - start < 2) {
            return 0;
        }
        int type = buffer[start + 1] & 0xFF;
        if ((type >>> 4 & 0x07) == 5) {
            return 0; // alphanumeric: a name, not a number
        }
        return number(type, start + 2, end);
    }

    private long number(int type, int start, int end) {
        int count = tbcd(start, end);
        if (count < 0) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        boolean international = (type >>> 4 & 0x07) == 1;
        if (international) {
            long value = Digits.parse(digits, 0, count);
            return value <= 0 ? -1 : value;
        }
        return NumberForms.international(digits, 0, count, localPrefix);
    }

    /** TBCD digits (low nibble first, a filler 0xF ends them) into {@link #digits}; their count, -1 if not all digits. */
    private int tbcd(int start, int end) {
        int count = 0;
        for (int i = start; i < end; i++) {
            int octet = buffer[i] & 0xFF;
            for (int half = 0; half < 2; half++) {
                int nibble = half == 0 ? octet & 0x0F : octet >>> 4;
                if (nibble == 0x0F) {
                    return count;
                }
                if (nibble > 9 || count == digits.length) {
                    return -1;
                }
                digits[count++] = (byte) ('0' + nibble);
            }
        }
        return count;
    }

    /** A GSNAddress (a CHOICE of IP addresses, wrapped as a constructed element): its address octets for the id. */
    private void gatewayAddress(int start, int end) {
        referenceStart = start;
        referenceEnd = end;
        if (start < end && (buffer[start] & 0x20) == 0 && end - start > 2) {
            int valueEnd = valueEnd(start, end);
            referenceStart = lengthEnd;
            referenceEnd = valueEnd;
        }
    }

    private static final byte[] MO = "mo:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MT = "mt:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MO_SMS = "mosms:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MT_SMS = "mtsms:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PGW = "pgw:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COLON = {':'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private void idText(byte[] text) {
        int n = Math.min(text.length, id.length - idLength);
        System.arraycopy(text, 0, id, idLength, n);
        idLength += n;
    }

    /** Octets of the buffer as hex; nothing where absent ({@code start} -1). */
    private void idHex(int start, int end) {
        for (int i = start; i >= 0 && i < end && idLength + 2 <= id.length; i++) {
            id[idLength++] = HEX[(buffer[i] & 0xFF) >>> 4];
            id[idLength++] = HEX[buffer[i] & 0x0F];
        }
    }

    /** TBCD digits of the buffer as digits, else as hex: an IMSI, or with {@code typeOctet} an address (a recording entity). */
    private void idDigits(int start, int end, boolean typeOctet) {
        if (start < 0) {
            return;
        }
        int count = tbcd(typeOctet ? start + 1 : start, end);
        if (count < 0) {
            idHex(start, end);
            return;
        }
        int n = Math.min(count, id.length - idLength);
        System.arraycopy(digits, 0, id, idLength, n);
        idLength += n;
    }

    private void idNumber(long value) {
        if (value < 0) {
            idText(new byte[] {'-'});
            value = -value;
        }
        int start = idLength;
        do {
            if (idLength == id.length) {
                return;
            }
            id[idLength++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = idLength - 1; i < j; i++, j--) {
            byte t = id[i];
            id[i] = id[j];
            id[j] = t;
        }
    }

    /** TS 32.298's TimeStamp: YYMMDDhhmmss in BCD, then the sign and hhmm from UTC; epoch millis, -1 if none. */
    private long timestamp(int start, int end) {
        int length = end - start;
        if (length != 9 && length != 6) {
            throw new MalformedBer("a TimeStamp of " + length + " octets, not 9");
        }
        int year = 2000 + bcd(start);
        int month = bcd(start + 1);
        int day = bcd(start + 2);
        int hour = bcd(start + 3);
        int minute = bcd(start + 4);
        int second = bcd(start + 5);
        if (month < 1 || month > 12 || day < 1 || day > Timestamps.daysInMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            throw new MalformedBer("a TimeStamp that is no date: " + HexFormat.of().formatHex(buffer, start, end));
        }
        long localMillis = (Timestamps.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1000L;
        if (length == 6) {
            return zone.localToEpochMillis(localMillis);
        }
        int sign = buffer[start + 6];
        if (sign != '+' && sign != '-') {
            throw new MalformedBer("a TimeStamp's UTC offset has no sign");
        }
        long offsetMillis = (bcd(start + 7) * 3600L + bcd(start + 8) * 60L) * 1000L;
        return localMillis - (sign == '-' ? -offsetMillis : offsetMillis);
    }

    private int bcd(int at) {
        int octet = buffer[at] & 0xFF;
        int high = octet >>> 4;
        int low = octet & 0x0F;
        if (high > 9 || low > 9) {
            throw new MalformedBer("a TimeStamp octet is not BCD: 0x" + Integer.toHexString(octet));
        }
        return high * 10 + low;
    }

    /** A BER INTEGER's content, two's complement big-endian, at most eight octets. */
    private long integer(int start, int end) {
        int length = end - start;
        if (length < 1 || length > 8) {
            if (length == 9 && buffer[start] == 0) {
                start++; // an unsigned 64-bit value's leading zero
            } else {
                throw new MalformedBer("an INTEGER of " + length + " octets");
            }
        }
        long value = buffer[start]; // sign-extended
        for (int i = start + 1; i < end; i++) {
            value = value << 8 | (buffer[i] & 0xFF);
        }
        return value;
    }

    /** The context tag number of a record's field at {@code p}; sets {@link #tagEnd}. Other classes: -1 (skipped). */
    private int fieldTag(int p, int end) {
        int cls = (buffer[p] & 0xFF) >>> 6;
        int tag = tagNumber(p, end);
        return cls == CONTEXT ? tag : -1;
    }

    /** The tag number of the element at {@code p}; sets {@link #tagEnd}. */
    private int tagNumber(int p, int end) {
        if (p >= end) {
            throw new MalformedBer("an element's tag runs past its end");
        }
        int first = buffer[p] & 0xFF;
        int number = first & 0x1F;
        int q = p + 1;
        if (number == 0x1F) {
            number = 0;
            int octet;
            do {
                if (q >= end || number > 1 << 20) {
                    throw new MalformedBer("a long tag runs past its end");
                }
                octet = buffer[q++] & 0xFF;
                number = number << 7 | octet & 0x7F;
            } while ((octet & 0x80) != 0);
        }
        tagEnd = q;
        return number;
    }

    /** The length at {@code p} (after a tag); -1 for the indefinite form; sets {@link #lengthEnd}. */
    private int length(int p, int end) {
        if (p >= end) {
            throw new MalformedBer("an element's length runs past its end");
        }
        int first = buffer[p] & 0xFF;
        if (first < 0x80) {
            lengthEnd = p + 1;
            return first;
        }
        if (first == 0x80) {
            lengthEnd = p + 1;
            return -1;
        }
        int octets = first & 0x7F;
        if (octets > 3 || p + 1 + octets > end) {
            throw new MalformedBer("a length of " + octets + " octets");
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = length << 8 | buffer[p + 1 + i] & 0xFF;
        }
        lengthEnd = p + 1 + octets;
        return length;
    }

    /**
     * The end of the element starting at {@code p}, within {@code end}; leaves {@link #lengthEnd} at its content's start
     * (for an indefinite length, the contents end two octets before the returned end).
     */
    private int valueEnd(int p, int end) {
        boolean constructed = (buffer[p] & 0x20) != 0;
        tagNumber(p, end);
        int length = length(tagEnd, end);
        int contentStart = lengthEnd;
        if (length >= 0) {
            if (contentStart + length > end) {
                throw new MalformedBer("an element's length runs past its end");
            }
            return contentStart + length;
        }
        if (!constructed) {
            throw new MalformedBer("a primitive element with the indefinite length");
        }
        int q = contentStart;
        while (true) {
            if (q + 2 > end) {
                throw new MalformedBer("an indefinite length without its end-of-contents");
            }
            if (buffer[q] == 0 && buffer[q + 1] == 0) {
                lengthEnd = contentStart;
                return q + 2;
            }
            q = valueEnd(q, end);
        }
    }

    /** For bare BER records: the end of the record at {@code p}, reading as much as it needs; -1 if damaged or cut. */
    private int elementEndStreaming(int p) throws IOException {
        int available = 2;
        while (true) {
            if (!fill(p - position + available) && limit - p < available) {
                // the file ends: try with what there is, a complete element parses
                try {
                    return valueEnd(p, limit);
                } catch (MalformedBer e) {
                    return -1;
                }
            }
            try {
                return valueEnd(p, limit);
            } catch (MalformedBer e) {
                if (limit - p >= MAX_RECORD_BYTES * 16) {
                    return -1;
                }
                available = Math.max(available * 2, limit - p + 1);
            }
        }
    }

    private Result reject(RejectReason reason, String detail) {
        rejectReason = reason;
        rejectDetail = detail;
        return Result.REJECTED;
    }

    @Override
    public RejectReason rejectReason() {
        return rejectReason;
    }

    @Override
    public String rejectDetail() {
        return rejectDetail;
    }

    @Override
    public String rejectedRecordId() {
        return new String(id, 0, idLength, StandardCharsets.US_ASCII);
    }

    @Override
    public long line() {
        return ordinal;
    }

    /** The record's bytes in hex (the first 512 of them). */
    @Override
    public String rawText() {
        int end = Math.min(recordEnd, recordStart + 512);
        return HexFormat.of().formatHex(buffer, recordStart, Math.max(recordStart, end)) + (end < recordEnd ? "…" : "");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes {@code bytes} from {@link #position} readable; false where the file ends first. */
    private boolean fill(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return true;
        }
        if (buffer.length - position < bytes) {
            if (position > 0 && buffer.length >= bytes) {
                compact();
            } else {
                buffer = Arrays.copyOf(buffer, Math.max(bytes, buffer.length * 2));
            }
        }
        while (limit - position < bytes && !endOfStream) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfStream = true;
            } else {
                limit += read;
            }
        }
        return limit - position >= bytes;
    }

    /** Moves the unread bytes to the buffer's start (between records: no position into the buffer is kept). */
    private void compact() {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            recordStart -= position;
            recordEnd -= position;
            position = 0;
        }
    }

    private long u32(int at) {
        return (buffer[at] & 0xFFL) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8 | buffer[at + 3] & 0xFF;
    }

    private int u16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }

    /** Damaged BER inside one record: the record is rejected and the next one read. */
    private static final class MalformedBer extends RuntimeException {
        MalformedBer(String message) {
            super(message, null, false, false);
        }
    }
}
