package dev.ratel.formats.journal;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.formats.cdr.RejectReason;

/**
 * The binary layout of the usage journal, a Chronicle Queue under {@code HOME/journal}. Every
 * excerpt starts with a type byte. Integers are little-endian as Chronicle Bytes writes them;
 * {@code utf8} is Chronicle's stop-bit length followed by UTF-8 bytes.
 *
 * <pre>
 * RUN (1)       long runNumber, long startedEpochMillis
 * SOURCE (2)    int sourceId, utf8 name
 * FILE (3)      int fileId, long runNumber, long sizeBytes, long modifiedEpochMillis, byte format, utf8 path
 * BATCH (4)     int fileId, long batchSequence, long firstLine, long lastLine,
 *               int accepted, int rejected, int duplicates,
 *               accepted x RECORD, rejected x REJECT               (written before checksums; still read)
 * FILE_DONE (5) int fileId
 * BATCH_CHECKED (6)  int crc32c, then a BATCH's fields: the CRC-32C of everything after it
 * VOID (7)      long fromIndex: the excerpts from fromIndex up to this one are void, a tail a run left torn
 *               or zeroed (a full disk, a power cut); their lines are read again from the input
 *
 * RECORD, 40 bytes + record id:
 *   0  byte   service (bits 0-1) | direction (bits 2-3) | sms encoding (bit 4)
 *             service: 0 VOICE, 1 SMS, 2 DATA; direction: 0 OUT, 1 IN, 2 FWD; encoding: 0 GSM7, 1 UCS2
 *   1  byte   record id length (0..64)
 *   2  short  source id
 *   4  int    line - firstLine
 *   8  long   subscriber
 *  16  long   other party (0 = none)
 *  24  long   start, epoch millis UTC
 *  32  long   quantity: duration seconds (VOICE), volume bytes (DATA), characters (SMS)
 *  40  bytes  record id, UTF-8
 *
 * REJECT: long line, byte reason, utf8 recordId, utf8 detail, utf8 raw
 *   reason: 0 MALFORMED_ROW, 1 MISSING_FIELD, 2 BAD_FIELD, 3 BAD_NUMBER, 4 BAD_DURATION, 5 BAD_TIMESTAMP,
 *           6 FUTURE_TIMESTAMP, 7 UNKNOWN_SERVICE, 8 NOT_BILLABLE, 9 RECORD_ID_TOO_LONG, 10 CORRUPT_FILE,
 *           11 BAD_TEXT
 * </pre>
 *
 * The codes are fixed here, never taken from an enum's order: a constant added to or moved in an enum
 * must not change what a journal already holds means.
 *
 * A BATCH covers every record of lines {@code firstLine..lastLine} of one file, accepted, rejected or
 * duplicate, and is written as one excerpt: after a crash a file is resumed after the last batch,
 * and nothing is taken or rejected twice. Batch sequences are {@code runNumber << 32 | n}. Every batch
 * carries a checksum verified when it is read: one that fails it, and whatever its run wrote after it,
 * is void, as if never written.
 */
public final class JournalLayout {
    public static final byte RUN = 1;
    public static final byte SOURCE = 2;
    public static final byte FILE = 3;
    public static final byte BATCH = 4;
    public static final byte FILE_DONE = 5;
    public static final byte BATCH_CHECKED = 6;
    public static final byte VOID = 7;
    /** A batch's fields after its checksum and before its records: fileId, sequence, first and last line, three counts. */
    public static final int BATCH_HEAD_BYTES = 4 + 8 + 8 + 8 + 4 + 4 + 4;

    public static final int RECORD_FIXED_BYTES = 40;

    private static final Service[] SERVICE_OF_CODE = {Service.VOICE, Service.SMS, Service.DATA};
    private static final Direction[] DIRECTION_OF_CODE = {Direction.OUT, Direction.IN, Direction.FWD};
    private static final RejectReason[] REASON_OF_CODE = {RejectReason.MALFORMED_ROW, RejectReason.MISSING_FIELD,
        RejectReason.BAD_FIELD, RejectReason.BAD_NUMBER, RejectReason.BAD_DURATION, RejectReason.BAD_TIMESTAMP,
        RejectReason.FUTURE_TIMESTAMP, RejectReason.UNKNOWN_SERVICE, RejectReason.NOT_BILLABLE, RejectReason.RECORD_ID_TOO_LONG,
        RejectReason.CORRUPT_FILE, RejectReason.BAD_TEXT};
    private static final int[] CODE_OF_SERVICE = codes(SERVICE_OF_CODE, Service.values().length);
    private static final int[] CODE_OF_DIRECTION = codes(DIRECTION_OF_CODE, Direction.values().length);
    private static final int[] CODE_OF_REASON = codes(REASON_OF_CODE, RejectReason.values().length);

    /** Each constant's code, by ordinal; fails at class load when the table misses a constant. */
    private static int[] codes(Enum<?>[] byCode, int constants) {
        int[] codes = new int[constants];
        java.util.Arrays.fill(codes, -1);
        for (int code = 0; code < byCode.length; code++) {
            codes[byCode[code].ordinal()] = code;
        }
        for (int code : codes) {
            if (code < 0) {
                throw new ExceptionInInitializerError("a constant has no journal code: " + java.util.Arrays.toString(byCode));
            }
        }
        return codes;
    }

    /** A record's first byte: service, direction and SMS encoding by their fixed codes. */
    public static byte recordKind(Service service, Direction direction, SmsEncoding encoding) {
        return (byte) (CODE_OF_SERVICE[service.ordinal()] | CODE_OF_DIRECTION[direction.ordinal()] << 2
                | (encoding == SmsEncoding.UCS2 ? 1 << 4 : 0));
    }

    public static Service service(int recordKind) {
        return SERVICE_OF_CODE[recordKind & 3];
    }

    public static Direction direction(int recordKind) {
        return DIRECTION_OF_CODE[(recordKind >> 2) & 3];
    }

    public static SmsEncoding smsEncoding(int recordKind) {
        return (recordKind & (1 << 4)) != 0 ? SmsEncoding.UCS2 : SmsEncoding.GSM7;
    }

    public static byte rejectCode(RejectReason reason) {
        return (byte) CODE_OF_REASON[reason.ordinal()];
    }

    public static RejectReason rejectReason(byte code) {
        if (code < 0 || code >= REASON_OF_CODE.length) {
            throw new IllegalStateException("a journalled reject holds the unknown reason code " + code);
        }
        return REASON_OF_CODE[code];
    }

    private JournalLayout() {
    }

    public static long batchSequence(long runNumber, long batchInRun) {
        return (runNumber << 32) | batchInRun;
    }

    public static long runOf(long batchSequence) {
        return batchSequence >>> 32;
    }

    public static long batchInRunOf(long batchSequence) {
        return batchSequence & 0xFFFF_FFFFL;
    }
}
