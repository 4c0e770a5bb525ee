package dev.ratel.formats.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.algo.hashing.LongHashFunction;

/**
 * Reads Asterisk's {@code Master.csv} as {@code cdr_csv} writes it: no header, strings quoted,
 * numbers bare, columns by position:
 *
 * <pre>
 *  0 accountcode  1 src  2 dst  3 dcontext  4 clid  5 channel  6 dstchannel  7 lastapp  8 lastdata
 *  9 start  10 answer  11 end  12 duration  13 billsec  14 disposition  15 amaflags
 * [16 uniqueid] [17 userfield]            when loguniqueid / loguserfield are on
 * [peeraccount, linkedid, sequence]       when newcdrcolumns is on
 * </pre>
 *
 * 16 columns: neither optional group; 17: uniqueid; 18: uniqueid and userfield; 19: the new columns
 * only; 20: uniqueid and the new columns; 21: all.
 *
 * <p>Mapping onto the canonical fields:
 * <ul>
 * <li>{@code record_id}: {@code uniqueid/sequence} (one call's legs share uniqueid and differ in
 *     sequence), {@code uniqueid} without the new columns, and without a uniqueid {@code h:} and a
 *     hash of start, channel, dstchannel, src and dst;</li>
 * <li>{@code source}: the switch's name from {@link SwitchSettings};</li>
 * <li>only {@code ANSWERED} records are usage; {@code NO ANSWER}, {@code BUSY}, {@code FAILED} and
 *     others are rejected as {@link RejectReason#NOT_BILLABLE}; an answered leg with billsec 0 is
 *     usage of 0 seconds;</li>
 * <li>{@code service} VOICE; {@code duration_s} = billsec; {@code start_time} = answer (start when
 *     empty), local time of the settings' zone;</li>
 * <li>a call in one of the inbound contexts is {@code IN} for {@code dst} from {@code src}; any other
 *     is {@code OUT} from {@code src} to {@code dst};</li>
 * <li>numbers in national dialling form are made international: {@code 8} + ten digits becomes
 *     {@code 7} + ten digits, {@code 810} + number loses the {@code 810}, ten digits gain a {@code 7},
 *     {@code +} is dropped, and a local number of at most seven digits gains the settings' local area
 *     prefix when one is set. Caller-id names ({@code clid}) are not used, so their invalid UTF-8
 *     does no harm.</li>
 * </ul>
 */
public final class AsteriskCsvReader extends SwitchCsvReader {
    private static final byte[] ANSWERED = "ANSWERED".getBytes(StandardCharsets.US_ASCII);
    private static final LongHashFunction ID_HASH = LongHashFunction.xx_r39(0x5241_5445_4C00_0001L);
    private static final int SRC = 1;
    private static final int DST = 2;
    private static final int CONTEXT = 3;
    private static final int CHANNEL = 5;
    private static final int DSTCHANNEL = 6;
    private static final int START = 9;
    private static final int ANSWER = 10;
    private static final int BILLSEC = 13;
    private static final int DISPOSITION = 14;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The fields that identify a leg when the switch logs no uniqueid. */
    private static final int[] DERIVED_ID_FIELDS = {START, CHANNEL, DSTCHANNEL, SRC, DST};

    private final byte[] scratch = new byte[64];

    public AsteriskCsvReader(InputStream in, SwitchSettings settings) {
        super(in, settings);
    }

    @Override
    protected Result map(CdrRecord record) {
        int fields = scanner.fieldCount();
        if (fields < 16 || fields > 21) {
            return reject(RejectReason.MALFORMED_ROW, "has " + fields + " fields; cdr_csv writes 16 to 21");
        }
        if (!setRecordId(record, fields)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "uniqueid/sequence is longer than " + CdrRecord.MAX_ID_BYTES + " bytes");
        }
        Result problem = sourceAndIdText(record, "uniqueid");
        if (problem != null) {
            return problem;
        }
        if (!scanner.is(DISPOSITION, ANSWERED)) {
            return reject(RejectReason.NOT_BILLABLE, "disposition '" + scanner.text(DISPOSITION) + "' is not ANSWERED");
        }
        boolean answered = scanner.length(ANSWER) > 0;
        return call(record, SRC, "src", DST, "dst", CONTEXT, answered ? ANSWER : START, answered ? "answer" : "start", BILLSEC);
    }

    private boolean setRecordId(CdrRecord record, int fields) {
        boolean hasUniqueId = fields == 17 || fields == 18 || fields == 20 || fields == 21;
        boolean hasNewColumns = fields >= 19;
        byte[] d = scanner.data();
        if (hasUniqueId && scanner.length(16) > 0) {
            int idLength = scanner.length(16);
            if (!hasNewColumns) {
                return record.setRecordId(d, scanner.start(16), idLength);
            }
            int sequence = fields - 1;
            int total = idLength + 1 + scanner.length(sequence);
            if (total > CdrRecord.MAX_ID_BYTES) {
                return false;
            }
            System.arraycopy(d, scanner.start(16), scratch, 0, idLength);
            scratch[idLength] = '/';
            System.arraycopy(d, scanner.start(sequence), scratch, idLength + 1, scanner.length(sequence));
            return record.setRecordId(scratch, 0, total);
        }
        long hash = 17;
        for (int field : DERIVED_ID_FIELDS) {
            hash = hash * 31 + ID_HASH.hashBytes(d, scanner.start(field), scanner.length(field));
        }
        scratch[0] = 'h';
        scratch[1] = ':';
        for (int i = 0; i < 16; i++) {
            scratch[2 + i] = HEX[(int) (hash >>> (60 - 4 * i)) & 0xF];
        }
        return record.setRecordId(scratch, 0, 18);
    }

    @Override
    public String rejectedRecordId() {
        int fields = scanner.fieldCount();
        if (fields == 17 || fields == 18 || fields == 20 || fields == 21) {
            return fields >= 19 ? scanner.text(16) + "/" + scanner.text(fields - 1) : scanner.text(16);
        }
        return "";
    }



}
