package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.RejectReason;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.JournalLayout;
import dev.ratel.formats.journal.UsageJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage journal's RECORD, byte for byte as {@link JournalLayout} draws it, and its fixed codes. */
class UsageJournalLayoutTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteARecordExactlyAsTheLayoutDrawsIt() {
        CdrRecord sms = record(Service.SMS, Direction.IN, SmsEncoding.UCS2, 77051110001L, 77011234567L, 12, "s1");
        sms.smsChars = 71;
        try (UsageJournal journal = UsageJournal.open(dir.resolve("journal"))) {
            long run = journal.startRun(0);
            FileEntry file = journal.registerFile(run, "f", 1, 1, (byte) 0);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            batch.begin(file, 10);
            batch.accept(sms, 3);
            String expected = "15"                                  // SMS (1) | IN (1) << 2 | UCS2 << 4
                    + "02" + "0300" + "02000000"                    // id length 2, source 3, line 12 - first line 10
                    + "71a29af011000000"                            // subscriber 77 051 110 001
                    + "072f3aee11000000"                            // other party 77 011 234 567
                    + "003ef74d8f010000"                            // start 1 715 000 000 000 ms
                    + "4700000000000000"                            // 71 characters
                    + "7331";                                       // "s1"
            assertThat(HexFormat.of().formatHex(batch.acceptedBytes())).isEqualTo(expected);
        }
    }

    @Test
    void shouldKeepEveryCodeItWasGiven() {
        // a journal written by an earlier Ratel holds these codes: changing one misreads every home
        assertThat(JournalLayout.recordKind(Service.VOICE, Direction.OUT, SmsEncoding.GSM7)).isEqualTo((byte) 0x00);
        assertThat(JournalLayout.recordKind(Service.DATA, Direction.FWD, SmsEncoding.GSM7)).isEqualTo((byte) 0x0a);
        assertThat(JournalLayout.service(0x15)).isEqualTo(Service.SMS);
        assertThat(JournalLayout.direction(0x15)).isEqualTo(Direction.IN);
        assertThat(JournalLayout.smsEncoding(0x15)).isEqualTo(SmsEncoding.UCS2);
        RejectReason[] inCodeOrder = {RejectReason.MALFORMED_ROW, RejectReason.MISSING_FIELD, RejectReason.BAD_FIELD,
            RejectReason.BAD_NUMBER, RejectReason.BAD_DURATION, RejectReason.BAD_TIMESTAMP, RejectReason.FUTURE_TIMESTAMP,
            RejectReason.UNKNOWN_SERVICE, RejectReason.NOT_BILLABLE, RejectReason.RECORD_ID_TOO_LONG, RejectReason.CORRUPT_FILE,
            RejectReason.BAD_TEXT};
        for (int code = 0; code < inCodeOrder.length; code++) {
            assertThat(JournalLayout.rejectCode(inCodeOrder[code])).isEqualTo((byte) code);
            assertThat(JournalLayout.rejectReason((byte) code)).isEqualTo(inCodeOrder[code]);
        }
        assertThat(RejectReason.values()).hasSize(inCodeOrder.length);
    }

    @Test
    void shouldReadBackWhatItWrote() {
        try (UsageJournal journal = UsageJournal.open(dir.resolve("journal"))) {
            long run = journal.startRun(0);
            FileEntry file = journal.registerFile(run, "f", 1, 1, (byte) 0);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            batch.begin(file, 1);
            CdrRecord call = record(Service.VOICE, Direction.FWD, SmsEncoding.GSM7, 74951000001L, 74951000002L, 1, "c");
            call.durationSeconds = 125;
            byte[] source = "msc".getBytes(StandardCharsets.UTF_8);
            batch.accept(call, journal.sourceId(source, source.length));
            batch.reject(2, RejectReason.NOT_BILLABLE, "c2", "unanswered", "c2,...");
            batch.commit(JournalLayout.batchSequence(run, 1), 2);
            try (JournalCursor cursor = journal.cursor()) {
                CdrRecord read = new CdrRecord();
                assertThat(cursor.nextBatch()).isTrue();
                assertThat(cursor.nextRecord(read)).isTrue();
                assertThat(read.service).isEqualTo(Service.VOICE);
                assertThat(read.direction).isEqualTo(Direction.FWD);
                assertThat(read.durationSeconds).isEqualTo(125);
                assertThat(cursor.nextReject()).isTrue();
                assertThat(cursor.rejectReason()).isEqualTo(RejectReason.NOT_BILLABLE);
            }
        }
    }

    /** A record started at 1 715 000 000 000 ms, read from {@code line}. */
    private static CdrRecord record(Service service, Direction direction, SmsEncoding encoding, long subscriber, long other, long line,
                                    String id) {
        CdrRecord record = new CdrRecord();
        record.service = service;
        record.direction = direction;
        record.smsEncoding = encoding;
        record.subscriber = subscriber;
        record.otherParty = other;
        record.startEpochMillis = 1_715_000_000_000L;
        record.line = line;
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, record.recordId, 0, bytes.length);
        record.recordIdLength = bytes.length;
        return record;
    }
}
