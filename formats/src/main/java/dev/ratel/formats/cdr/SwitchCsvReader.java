package dev.ratel.formats.cdr;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.time.ZoneOffsetTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the readers of one switch's call files share (Asterisk, FreeSWITCH): the switch's settings, its source name on
 * every record, the inbound-context test (cached, as contexts repeat line after line), and the mapping of an answered
 * call: caller and called made international, direction from the context, local answer time in the switch's zone,
 * billed seconds.
 */
abstract class SwitchCsvReader extends CsvCdrReader {
    protected final SwitchSettings settings;
    private final ZoneOffsetTable zone;
    private final byte[] sourceBytes;
    private final byte[] localPrefix;
    private String lastInboundContext = "";
    private boolean lastInbound;

    protected SwitchCsvReader(InputStream in, SwitchSettings settings) {
        super(new CsvScanner(in, ','));
        this.settings = settings;
        this.zone = new ZoneOffsetTable(settings.zone());
        this.sourceBytes = settings.source().getBytes(StandardCharsets.UTF_8);
        this.localPrefix = settings.localAreaPrefix().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sets the switch's name as the source and checks the record id set before is UTF-8; null when both are fine. */
    protected final Result sourceAndIdText(CdrRecord record, String idName) {
        if (!record.setSource(sourceBytes, 0, sourceBytes.length)) {
            return reject(RejectReason.RECORD_ID_TOO_LONG, "the source name is longer than " + CdrRecord.MAX_ID_BYTES + " bytes");
        }
        int badByte = Utf8Text.firstBadByte(record.recordId, 0, record.recordIdLength);
        if (badByte >= 0) {
            return reject(RejectReason.BAD_TEXT, Utf8Text.describeBadByte(idName, record.recordId, 0, badByte));
        }
        return null;
    }

    /** Maps an answered call of the current row onto the record, or rejects it naming the field. */
    protected final Result call(CdrRecord record, int callerField, String callerName, int calledField, String calledName, int contextField,
                                int timeField, String timeName, int billsecField) {
        record.service = Service.VOICE;
        boolean inbound = inbound(contextField);
        long caller = internationalNumber(callerField, localPrefix);
        long called = internationalNumber(calledField, localPrefix);
        if (caller <= 0) {
            return reject(RejectReason.BAD_NUMBER, callerName + " '" + scanner.text(callerField) + "' is not a phone number");
        }
        if (called <= 0) {
            return reject(RejectReason.BAD_NUMBER, calledName + " '" + scanner.text(calledField) + "' is not a phone number");
        }
        record.direction = inbound ? Direction.IN : Direction.OUT;
        record.subscriber = inbound ? called : caller;
        record.otherParty = inbound ? caller : called;
        long local = Timestamps.parseLocalMillis(scanner.data(), scanner.start(timeField), scanner.end(timeField));
        if (local == Timestamps.INVALID) {
            return reject(RejectReason.BAD_TIMESTAMP, timeName + " '" + scanner.text(timeField) + "' is not YYYY-MM-DD HH:MM:SS");
        }
        record.startEpochMillis = zone.localToEpochMillis(local);
        long billsec = scanner.digits(billsecField);
        if (billsec < 0) {
            boolean negative = scanner.length(billsecField) > 0 && scanner.data()[scanner.start(billsecField)] == '-';
            return reject(negative ? RejectReason.BAD_DURATION : RejectReason.BAD_FIELD,
                    "billsec '" + scanner.text(billsecField) + "' is not a number of seconds");
        }
        record.durationSeconds = billsec;
        return Result.RECORD;
    }

    private boolean inbound(int contextField) {
        int length = scanner.length(contextField);
        // contexts repeat line after line: compare bytes with the last one before building a string
        if (length == lastInboundContext.length()) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = scanner.data()[scanner.start(contextField) + i] == lastInboundContext.charAt(i);
            }
            if (same) {
                return lastInbound;
            }
        }
        lastInboundContext = scanner.text(contextField);
        lastInbound = settings.isInbound(lastInboundContext);
        return lastInbound;
    }
}
