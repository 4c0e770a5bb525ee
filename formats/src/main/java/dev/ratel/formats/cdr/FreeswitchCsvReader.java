package dev.ratel.formats.cdr;

import java.io.InputStream;

/**
 * Reads FreeSWITCH's {@code mod_cdr_csv} files written with its stock {@code example} template (the default of
 * {@code cdr_csv.conf.xml}): no header, every value quoted, one A-leg record a call, columns by position:
 *
 * <pre>
 *  0 caller_id_name  1 caller_id_number  2 destination_number  3 context  4 start_stamp  5 answer_stamp
 *  6 end_stamp  7 duration  8 billsec  9 hangup_cause  10 uuid  11 bleg_uuid  12 accountcode
 * 13 read_codec  14 write_codec
 * </pre>
 *
 * A template that appends columns after these fifteen is read the same way; one with fewer than eleven (no uuid) is
 * not this layout and its rows are rejected as malformed.
 *
 * <p>Mapping onto the canonical fields:
 * <ul>
 * <li>{@code record_id}: {@code uuid}, the call leg's id, unique per switch; {@code source}: the switch's name from
 *     the settings;</li>
 * <li>only answered calls are usage (an {@code answer_stamp}); a call never answered is rejected as
 *     {@link RejectReason#NOT_BILLABLE} with its {@code hangup_cause};</li>
 * <li>{@code service} VOICE; {@code duration_s} = {@code billsec}; {@code start_time} = {@code answer_stamp}, local time
 *     of the settings' zone;</li>
 * <li>a call in one of the inbound contexts (FreeSWITCH's stock {@code public}) is {@code IN} for
 *     {@code destination_number} from {@code caller_id_number}; any other is {@code OUT} from
 *     {@code caller_id_number} to {@code destination_number};</li>
 * <li>numbers are made international as for Asterisk ({@link CsvCdrReader#internationalNumber}); the caller id
 *     name is not used.</li>
 * </ul>
 */
public final class FreeswitchCsvReader extends SwitchCsvReader {
    private static final int CALLER = 1;
    private static final int DESTINATION = 2;
    private static final int CONTEXT = 3;
    private static final int ANSWER = 5;
    private static final int BILLSEC = 8;
    private static final int HANGUP_CAUSE = 9;
    private static final int UUID = 10;

    public FreeswitchCsvReader(InputStream in, SwitchSettings settings) {
        super(in, settings);
    }

    @Override
    protected Result map(CdrRecord record) {
        int fields = scanner.fieldCount();
        if (fields < UUID + 1) {
            return reject(RejectReason.MALFORMED_ROW, "has " + fields + " fields; mod_cdr_csv's example template writes 15, uuid in the 11th");
        }
        if (scanner.length(UUID) == 0) {
            return reject(RejectReason.MISSING_FIELD, "uuid is empty");
        }
        if (!record.setRecordId(scanner.data(), scanner.start(UUID), scanner.length(UUID))) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "uuid is longer than " + CdrRecord.MAX_ID_BYTES + " bytes");
        }
        Result problem = sourceAndIdText(record, "uuid");
        if (problem != null) {
            return problem;
        }
        if (scanner.length(ANSWER) == 0) {
            return reject(RejectReason.NOT_BILLABLE, "not answered (hangup_cause " + scanner.text(HANGUP_CAUSE) + ")");
        }
        return call(record, CALLER, "caller_id_number", DESTINATION, "destination_number", CONTEXT, ANSWER, "answer_stamp", BILLSEC);
    }

    @Override
    public String rejectedRecordId() {
        return scanner.fieldCount() > UUID ? scanner.text(UUID) : "";
    }
}
