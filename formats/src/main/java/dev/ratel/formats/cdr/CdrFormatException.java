package dev.ratel.formats.cdr;

/** A CDR file that cannot be read at all (a missing required column, say): names the file and the fix. */
public final class CdrFormatException extends java.io.IOException {
    public CdrFormatException(String message) {
        super(message);
    }
}
