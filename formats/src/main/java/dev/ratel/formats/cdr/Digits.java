package dev.ratel.formats.cdr;

/** Decimal parsing on bytes, without allocation. */
final class Digits {
    private Digits() {
    }

    /** Digits from {@code start} to {@code end} as a non-negative long; -1 if empty, not digits or over 18 digits. */
    static long parse(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length <= 0 || length > 18) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
