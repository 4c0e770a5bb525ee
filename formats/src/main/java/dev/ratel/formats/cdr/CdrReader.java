package dev.ratel.formats.cdr;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads CDRs from one file into a {@link CdrRecord}. A record that cannot be read is reported, with
 * its line, reason and raw text, never skipped silently.
 */
public interface CdrReader extends Closeable {
    /** What {@link #next} found. */
    enum Result { RECORD, REJECTED, END }

    /** Reads the next record into {@code record}, or reports why it was rejected. */
    Result next(CdrRecord record) throws IOException;

    /** After {@link Result#REJECTED}: why. */
    RejectReason rejectReason();

    /** After {@link Result#REJECTED}: the detail, naming the field. */
    String rejectDetail();

    /** After {@link Result#REJECTED}: the record id if it could be read, else empty. */
    String rejectedRecordId();

    /** The 1-based line of the last record returned. */
    long line();

    /** The raw text of the last record (allocates: for rejects only). */
    String rawText();
}
