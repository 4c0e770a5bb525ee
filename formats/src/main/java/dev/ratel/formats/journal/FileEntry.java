package dev.ratel.formats.journal;

/**
 * A CDR file as the journal knows it: identity (path, size, modification time), the run that took
 * it, how far it got and its counts so far.
 */
public final class FileEntry {
    public final int fileId;
    public final long runNumber;
    public final String path;
    public final long sizeBytes;
    public final long modifiedEpochMillis;
    public final byte format;
    long lastLine;
    long accepted;
    long rejected;
    long duplicates;
    boolean done;

    FileEntry(int fileId, long runNumber, String path, long sizeBytes, long modifiedEpochMillis, byte format) {
        this.fileId = fileId;
        this.runNumber = runNumber;
        this.path = path;
        this.sizeBytes = sizeBytes;
        this.modifiedEpochMillis = modifiedEpochMillis;
        this.format = format;
    }

    /** The last line covered by a committed batch (0 before the first). */
    public long lastLine() {
        return lastLine;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }

    public long duplicates() {
        return duplicates;
    }

    public boolean done() {
        return done;
    }
}
