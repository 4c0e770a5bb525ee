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

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
