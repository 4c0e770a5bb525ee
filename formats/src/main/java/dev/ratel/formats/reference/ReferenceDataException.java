package dev.ratel.formats.reference;

import java.nio.file.Path;

/** Reference data that cannot be used: names the file, the line and what is wrong. */
public final class ReferenceDataException extends Exception {
    private final transient Path file;
    private final int line;

    public ReferenceDataException(Path file, int line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** A file that stops being readable text or CSV: the line of its first byte that is not UTF-8, or the reader's own words. */
    public static ReferenceDataException unreadable(Path file, long line, Exception e) {
        TextFileProblem.Located notText = TextFileProblem.notUtf8(file, e);
        return notText != null ? new ReferenceDataException(file, (int) notText.line(), notText.message())
                : new ReferenceDataException(file, (int) Math.max(line, 1), "cannot be read as CSV: " + e.getMessage());
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
