package dev.ratel.formats.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a configuration file (a tariff, a reference CSV) stops being text, for a message with its
 * line: the JDK's decoder says only "Input length = 1", and YAML's reader the offset of a character.
 * Found by reading the file again, so the usual path costs nothing.
 */
public final class TextFileProblem {
    private TextFileProblem() {
    }

    /** A line and what is wrong on it. */
    public record Located(long line, String message) {
    }

    /** Why reading {@code failure} failed, if it is a coding error: the line of the first byte that is not UTF-8, else null. */
    public static Located notUtf8(Path file, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return firstBadByte(file);
            }
        }
        return null;
    }

    /** The line of the first byte of the file that is not UTF-8; line 1 when the file reads whole (it changed since). */
    public static Located firstBadByte(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean ended = false;
            while (true) {
                int n = ended ? -1 : stream.read(in.array(), in.position(), in.remaining());
                if (n < 0) {
                    ended = true;
                } else {
                    in.position(in.position() + n);
                }
                in.flip();
                CoderResult result = decoder.decode(in, out, ended);
                line += newlines(out);
                if (result.isError()) {
                    return new Located(line, "not UTF-8 text: byte 0x" + String.format("%02X", in.get(in.position()) & 0xFF)
                            + " on this line; save the file as UTF-8");
                }
                in.compact();
                if (ended && in.position() == 0) {
                    return new Located(1, "not UTF-8 text; save the file as UTF-8");
                }
            }
        } catch (IOException e) {
            return new Located(1, "cannot read: " + e.getMessage());
        }
    }

    /** The line holding character {@code offset} (0-based) of the file's text. */
    public static long lineOfCharacter(Path file, long offset) {
        long line = 1;
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < offset; i++) {
                int c = reader.read();
                if (c < 0) {
                    break;
                }
                if (c == '\n') {
                    line++;
                }
            }
        } catch (IOException e) {
            // the line found so far
        }
        return line;
    }

    /** The first line holding a control character other than tab, CR or LF, with what it is; null when none. */
    public static Located controlCharacter(String text, long firstLine) {
        long line = firstLine;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
                return new Located(line, "holds the control character U+" + String.format("%04X", (int) c)
                        + ", which no tariff or reference value has; remove it");
            }
        }
        return null;
    }

    private static long newlines(CharBuffer out) {
        out.flip();
        long count = 0;
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                count++;
            }
        }
        out.clear();
        return count;
    }
}
