package dev.ratel.formats.cdr;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into CSV records (RFC 4180 quoting with doubled quotes; LF or CRLF) without
 * allocating per record: fields are unquoted into one reused byte
 * array and exposed by index. Hand-written because this is the ingest hot path, where a general
 * CSV library's per-record strings would cost more than the rest of ingest together.
 *
 * <p>A line break always ends a record, even inside quotes: CDR fields never hold line breaks, and
 * one line with a stray quote must not swallow the lines after it. A record longer than
 * {@link #MAX_RECORD_BYTES} or with an unterminated quote is returned as malformed (with its raw
 * text kept, truncated, for the rejects file), and scanning goes on at the next line.
 */
public final class CsvScanner implements Closeable {
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    public static final int MAX_FIELDS = 256;
    private static final int RAW_KEEP = 4 * 1024;

    private final InputStream in;
    private final byte delimiter;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;

    private byte[] raw = new byte[1024];
    private int rawLength;
    private boolean rawTruncated;
    private byte[] data = new byte[1024];
    private final int[] fieldStart = new int[MAX_FIELDS];
    private final int[] fieldEnd = new int[MAX_FIELDS];
    private int fieldCount;
    private long recordLine;
    private long nextLine = 1;
    private String malformedReason;

    public CsvScanner(InputStream in, char delimiter) {
        this.in = in;
        this.delimiter = (byte) delimiter;
    }

    /**
     * Reads the next record, skipping blank lines.
     *
     * @return false at the end of the input
     */
    public boolean next() throws IOException {
        while (true) {
            if (!readRecord()) {
                return false;
            }
            if (rawLength > 0 || malformedReason != null) {
                return true;
            }
        }
    }

    private boolean readRecord() throws IOException {
        rawLength = 0;
        rawTruncated = false;
        malformedReason = null;
        recordLine = nextLine;
        boolean inQuotes = false;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            any = true;
            // Copy the run of bytes up to the next line feed in one go; track quotes on the way.
            byte[] buf = buffer;
            int start = position;
            int end = limit;
            int i = start;
            while (i < end) {
                byte b = buf[i];
                if (b == '\n') {
                    break;
                }
                if (b == '"') {
                    inQuotes = !inQuotes;
                }
                i++;
            }
            appendRun(buf, start, i - start);
            if (i < end) {
                position = i + 1;
                nextLine++;
                break;
            }
            position = end;
        }
        if (inQuotes) {
            malformedReason = "a quoted field is not closed on its line";
        }
        if (rawLength > 0 && raw[rawLength - 1] == '\r') {
            rawLength--;
        }
        if (rawTruncated && malformedReason == null) {
            malformedReason = "line longer than " + MAX_RECORD_BYTES + " bytes";
        }
        if (malformedReason == null) {
            split();
        } else {
            fieldCount = 0;
        }
        return true;
    }

    private void appendRun(byte[] source, int start, int length) {
        int room = MAX_RECORD_BYTES - rawLength;
        if (length > room) {
            rawTruncated = true;
            length = room;
        }
        if (rawLength + length > raw.length) {
            byte[] bigger = new byte[Math.min(MAX_RECORD_BYTES, Math.max(raw.length * 2, rawLength + length))];
            System.arraycopy(raw, 0, bigger, 0, rawLength);
            raw = bigger;
        }
        System.arraycopy(source, start, raw, rawLength, length);
        rawLength += length;
    }

    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            endOfInput = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private void split() {
        if (data.length < raw.length) {
            data = new byte[raw.length];
        }
        fieldCount = 0;
        int out = 0;
        int i = 0;
        while (true) {
            if (fieldCount == MAX_FIELDS) {
                malformedReason = "more than " + MAX_FIELDS + " fields";
                fieldCount = 0;
                return;
            }
            fieldStart[fieldCount] = out;
            if (i < rawLength && raw[i] == '"') {
                i++;
                while (true) {
                    if (i >= rawLength) {
                        malformedReason = "a quoted field is not closed";
                        fieldCount = 0;
                        return;
                    }
                    byte b = raw[i++];
                    if (b == '"') {
                        if (i < rawLength && raw[i] == '"') {
                            data[out++] = '"';
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        data[out++] = b;
                    }
                }
                if (i < rawLength && raw[i] != delimiter) {
                    malformedReason = "text after a closing quote in field " + (fieldCount + 1);
                    fieldCount = 0;
                    return;
                }
            } else {
                while (i < rawLength && raw[i] != delimiter) {
                    byte b = raw[i++];
                    if (b == '"') {
                        malformedReason = "a quote inside an unquoted field " + (fieldCount + 1);
                        fieldCount = 0;
                        return;
                    }
                    data[out++] = b;
                }
            }
            fieldEnd[fieldCount++] = out;
            if (i >= rawLength) {
                return;
            }
            i++; // the delimiter
            if (i == rawLength) {
                fieldStart[fieldCount] = out;
                fieldEnd[fieldCount++] = out;
                return;
            }
        }
    }

    /** The reason the current record could not be split, or null when it is well-formed. */
    public String malformedReason() {
        return malformedReason;
    }

    /** 1-based line number in the file where the current record starts. */
    public long line() {
        return recordLine;
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** The unquoted fields, indexed by {@link #start} and {@link #end}. */
    public byte[] data() {
        return data;
    }

    public int start(int field) {
        return fieldStart[field];
    }

    public int end(int field) {
        return fieldEnd[field];
    }

    public int length(int field) {
        return fieldEnd[field] - fieldStart[field];
    }

    /** The field as text (allocates: for headers, messages and rejects). */
    public String text(int field) {
        return new String(data, fieldStart[field], length(field), StandardCharsets.UTF_8);
    }

    /** Whether the field is exactly the ASCII text. */
    public boolean is(int field, byte[] ascii) {
        int length = length(field);
        if (length != ascii.length) {
            return false;
        }
        int start = fieldStart[field];
        for (int i = 0; i < length; i++) {
            if (data[start + i] != ascii[i]) {
                return false;
            }
        }
        return true;
    }

    /** The raw record as the file had it (invalid UTF-8 replaced; at most 4 KiB kept). */
    public String rawText() {
        int keep = Math.min(rawLength, RAW_KEEP);
        String text = new String(raw, 0, keep, StandardCharsets.UTF_8);
        return keep < rawLength || rawTruncated ? text + "…" : text;
    }

    /**
     * The field as a non-negative decimal whole number, or -1 when it is empty, not all digits, or
     * too large.
     */
    public long digits(int field) {
        return Digits.parse(data, fieldStart[field], fieldEnd[field]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
