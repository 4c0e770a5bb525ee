package dev.ratel.formats.cdr;

/** The number forms switches write, made international: shared by the CSV readers and the 3GPP BER reader. */
final class NumberForms {
    private NumberForms() {
    }

    /**
     * Digits from {@code start} to {@code end} as a number in international form, or -1 where it is none: the national forms switches in Russia and
     * Kazakhstan write (country code 7) are made international. A number after {@code +} is international as it is; {@code 810} and a number lose the
     * {@code 810} (the international prefix); {@code 8} and ten digits become {@code 7} and the ten digits (the trunk
     * prefix); ten digits gain the {@code 7}; a local number of at most seven digits gains {@code localPrefix} (the
     * switch's country and area code, {@code 74232}) when one is set; anything else is taken as international already.
     */
    static long international(byte[] d, int start, int end, byte[] localPrefix) {
        boolean plus = start < end && d[start] == '+';
        if (plus) {
            start++;
        }
        int length = end - start;
        long digits = Digits.parse(d, start, end);
        if (digits <= 0) {
            return -1;
        }
        if (plus) {
            return digits; // written in international form: +85221234567 is Hong Kong, never 8 + ten digits
        }
        if (length > 3 && d[start] == '8' && d[start + 1] == '1' && d[start + 2] == '0') {
            return Digits.parse(d, start + 3, end);
        }
        if (length == 11 && d[start] == '8') {
            return 70_000_000_000L + digits % 10_000_000_000L;
        }
        if (length == 10) {
            return 70_000_000_000L + digits;
        }
        if (length <= 7 && localPrefix.length > 0) {
            long prefix = Digits.parse(localPrefix, 0, localPrefix.length);
            long scale = 1;
            for (int i = 0; i < length; i++) {
                scale *= 10;
            }
            return prefix * scale + digits;
        }
        return digits;
    }
}
