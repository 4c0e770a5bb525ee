package dev.ratel.formats.journal;

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
 *               accepted x RECORD, rejected x REJECT
 * FILE_DONE (5) int fileId
 *
 * RECORD, 40 bytes + record id:
 *   0  byte   service (bits 0-1) | direction (bits 2-3) | sms encoding (bit 4)
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
 * </pre>
 *
 * A BATCH covers every record of lines {@code firstLine..lastLine} of one file, accepted, rejected or
 * duplicate, and is written as one excerpt: after a crash a file is resumed after the last batch,
 * and nothing is taken or rejected twice. Batch sequences are {@code runNumber << 32 | n}.
 */
public final class JournalLayout {
    public static final byte RUN = 1;
    public static final byte SOURCE = 2;
    public static final byte FILE = 3;
    public static final byte BATCH = 4;
    public static final byte FILE_DONE = 5;

    public static final int RECORD_FIXED_BYTES = 40;

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
