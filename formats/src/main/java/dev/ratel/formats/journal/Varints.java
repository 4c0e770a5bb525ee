package dev.ratel.formats.journal;

/**
 * Variable-length integers as the rated journal's packed excerpts hold them: seven bits a byte, low
 * bits first, the high bit set on every byte but the last (for a non-negative value, the same bytes
 * as Chronicle's stop-bit encoding). Signed values are zigzag-mapped first (0, -1, 1, -2 ... to
 * 0, 1, 2, 3 ...), so small negatives stay short. Written into and read from heap arrays: the hot
 * paths copy an excerpt's section out once rather than paying Chronicle's checks per byte.
 */
public final class Varints {
    /** The most bytes one value takes. */
    public static final int MAX_BYTES = 10;

    private Varints() {
    }

    /** Writes {@code value} (read as unsigned) at {@code at}; returns the position after it. */
    public static int putUnsigned(byte[] bytes, int at, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[at++] = (byte) (rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        bytes[at++] = (byte) rest;
        return at;
    }

    /** Writes a signed {@code value}, zigzag-mapped; returns the position after it. */
    public static int putSigned(byte[] bytes, int at, long value) {
        return putUnsigned(bytes, at, value << 1 ^ value >> 63);
    }

    /** Reads values one after another from a heap array. */
    public static final class Reader {
        private byte[] bytes;
        private int at;
        private int end;

        /** Reads {@code bytes[from, to)}. */
        public Reader reset(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.at = from;
            this.end = to;
            return this;
        }

        public long unsigned() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (at >= end || shift > 63) {
                    throw new IllegalStateException("a packed value runs past its section (byte " + at + " of " + end + ")");
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        public long signed() {
            long mapped = unsigned();
            return mapped >>> 1 ^ -(mapped & 1);
        }

        public byte readByte() {
            if (at >= end) {
                throw new IllegalStateException("a packed section ends early (byte " + at + ")");
            }
            return bytes[at++];
        }

        /** Whether every byte of the section was read. */
        public boolean atEnd() {
            return at == end;
        }
    }
}
