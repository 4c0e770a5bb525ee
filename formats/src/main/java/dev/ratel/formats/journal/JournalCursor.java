package dev.ratel.formats.journal;

import dev.ratel.core.rating.Service;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.RejectReason;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads the journal's batches in order, each verified against its checksum (a void or torn one is
 * skipped): {@link #nextBatch()} opens the next one, then
 * {@link #nextRecord} yields its accepted records and {@link #nextReject} its rejects. Reuse the
 * record; nothing is allocated per accepted record.
 */
public final class JournalCursor implements AutoCloseable {
    private final ExcerptTailer tailer;
    private final UsageJournal journal;
    private final BatchCheck check = new BatchCheck(JournalLayout.BATCH_HEAD_BYTES);
    private DocumentContext open;
    private Bytes<?> in;
    private int fileId;
    private long batchSequence;
    private long firstLine;
    private int recordsLeft;
    private int rejectsLeft;
    private int duplicates;
    private long rejectLine;
    private RejectReason rejectReason;
    private String rejectRecordId;
    private String rejectDetail;
    private String rejectRaw;

    JournalCursor(ExcerptTailer tailer, UsageJournal journal) {
        this.tailer = tailer;
        this.journal = journal;
    }

    /** Positions the cursor so that {@link #nextBatch()} reads the excerpt at {@code index}; false if there is none. */
    public boolean moveTo(long index) {
        closeOpen();
        return tailer.moveToIndex(index);
    }

    /** Positions the cursor so that {@link #nextBatch()} reads the excerpts after {@code index}. */
    public void startAfter(long index) {
        closeOpen();
        if (tailer.moveToIndex(index)) {
            try (DocumentContext skipped = tailer.readingDocument()) {
                // reading the excerpt at index moves the tailer past it
            }
        }
    }

    /** Moves to the next batch; false when the journal holds no more. */
    public boolean nextBatch() {
        closeOpen();
        while (true) {
            DocumentContext dc = tailer.readingDocument();
            if (!dc.isPresent()) {
                dc.close();
                return false;
            }
            Bytes<?> bytes = dc.wire().bytes();
            byte type = bytes.readByte();
            if ((type != JournalLayout.BATCH && type != JournalLayout.BATCH_CHECKED) || journal.isVoid(dc.index())) {
                dc.close();
                continue;
            }
            if (type == JournalLayout.BATCH_CHECKED) {
                if (!check.verify(bytes)) {
                    // torn by a kill or a full disk after the journal was opened: never read, as the next open makes it void
                    dc.close();
                    continue;
                }
                bytes.readSkip(4);
            }
            open = dc;
            in = bytes;
            fileId = in.readInt();
            batchSequence = in.readLong();
            firstLine = in.readLong();
            in.readLong();
            recordsLeft = in.readInt();
            rejectsLeft = in.readInt();
            duplicates = in.readInt();
            return true;
        }
    }

    public int fileId() {
        return fileId;
    }

    public long batchSequence() {
        return batchSequence;
    }

    public int duplicates() {
        return duplicates;
    }

    /** The journal index of the open batch. */
    public long index() {
        return open == null ? -1 : open.index();
    }

    /** Reads the batch's next accepted record; false when none is left. */
    public boolean nextRecord(CdrRecord record) {
        if (recordsLeft == 0) {
            return false;
        }
        recordsLeft--;
        int bits = in.readByte();
        int idLength = in.readByte();
        int sourceId = in.readShort();
        record.line = firstLine + in.readInt();
        record.service = JournalLayout.service(bits);
        record.direction = JournalLayout.direction(bits);
        record.smsEncoding = JournalLayout.smsEncoding(bits);
        record.subscriber = in.readLong();
        record.otherParty = in.readLong();
        record.startEpochMillis = in.readLong();
        long quantity = in.readLong();
        record.durationSeconds = record.service == Service.VOICE ? quantity : 0;
        record.volumeBytes = record.service == Service.DATA ? quantity : 0;
        record.smsChars = record.service == Service.SMS ? (int) quantity : 0;
        in.read(record.recordId, 0, idLength);
        record.recordIdLength = idLength;
        byte[] source = journal.sourceName(sourceId);
        System.arraycopy(source, 0, record.source, 0, source.length);
        record.sourceLength = source.length;
        return true;
    }

    /** Skips the records (if not read) and reads the batch's next reject; false when none is left. */
    public boolean nextReject() {
        while (recordsLeft > 0) {
            recordsLeft--;
            in.readSkip(1);
            int idLength = in.readByte();
            in.readSkip(2 + 4 + 32 + idLength);
        }
        if (rejectsLeft == 0) {
            return false;
        }
        rejectsLeft--;
        rejectLine = in.readLong();
        rejectReason = JournalLayout.rejectReason(in.readByte());
        rejectRecordId = in.readUtf8();
        rejectDetail = in.readUtf8();
        rejectRaw = in.readUtf8();
        return true;
    }

    public long rejectLine() {
        return rejectLine;
    }

    public RejectReason rejectReason() {
        return rejectReason;
    }

    public String rejectRecordId() {
        return rejectRecordId;
    }

    public String rejectDetail() {
        return rejectDetail;
    }

    public String rejectRaw() {
        return rejectRaw;
    }

    private void closeOpen() {
        if (open != null) {
            open.close();
            open = null;
            in = null;
        }
    }

    @Override
    public void close() {
        closeOpen();
        tailer.close();
    }
}
