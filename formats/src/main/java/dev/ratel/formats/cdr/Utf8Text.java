package dev.ratel.formats.cdr;

/**
 * The rule for the text fields a CDR carries into the journal and the export ({@code record_id},
 * {@code source}): well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF) and no
 * control character (U+0000–U+001F, U+007F–U+009F). A field that breaks it is rejected as
 * {@link RejectReason#BAD_TEXT}, never escaped: an id is compared byte for byte for duplicates, and a
 * rewritten id would no longer match the switch's own. Checked without allocation: ASCII runs take
 * one comparison a byte.
 */
public final class Utf8Text {
    private Utf8Text() {
    }

    /** The offset, from {@code start}, of the first byte that breaks the rule; -1 when the text keeps it. */
    public static int firstBadByte(byte[] bytes, int start, int length) {
        int end = start + length;
        int i = start;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                i++;
                continue;
            }
            int codePoint;
            int size;
            if (b < 0xC2 || b > 0xF4) {
                return i - start; // a control, a continuation byte first, an overlong lead (C0, C1) or no lead at all
            } else if (b < 0xE0) {
                size = 2;
                codePoint = b & 0x1F;
            } else if (b < 0xF0) {
                size = 3;
                codePoint = b & 0x0F;
            } else {
                size = 4;
                codePoint = b & 0x07;
            }
            if (i + size > end) {
                return i - start;
            }
            for (int k = 1; k < size; k++) {
                int continuation = bytes[i + k] & 0xFF;
                if ((continuation & 0xC0) != 0x80) {
                    return i - start;
                }
                codePoint = codePoint << 6 | continuation & 0x3F;
            }
            boolean overlong = size == 3 && codePoint < 0x800 || size == 4 && codePoint < 0x10000;
            boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
            boolean control = codePoint <= 0x9F;
            if (overlong || surrogate || control || codePoint > 0x10FFFF) {
                return i - start;
            }
            i += size;
        }
        return -1;
    }

    /** Describes the byte at {@code offset} of a field for a reject's detail. */
    public static String describeBadByte(String field, byte[] bytes, int start, int offset) {
        return field + " is not printable UTF-8 text: byte " + (offset + 1) + " is 0x"
                + String.format("%02X", bytes[start + offset] & 0xFF);
    }
}
