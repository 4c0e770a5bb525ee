package dev.ratel.formats.cdr;

/**
 * Parses timestamps from bytes without allocation: ISO-8601 with an offset
 * ({@code 2024-05-17T10:15:30+05:00}, {@code ...Z}, {@code ...+0500}, optional fraction of a second,
 * {@code T} or a space between date and time), and local date-times {@code 2024-01-27 15:07:24}.
 */
public final class Timestamps {
    /** Returned when the text is not a valid timestamp of the expected form. */
    public static final long INVALID = Long.MIN_VALUE;
    /** Returned by {@link #parseOffsetMillis} for a valid local date-time that has no offset. */
    public static final long NO_OFFSET = Long.MIN_VALUE + 1;

    private Timestamps() {
    }

    /** Epoch millis of an ISO-8601 instant with offset; {@link #NO_OFFSET} or {@link #INVALID}. */
    public static long parseOffsetMillis(byte[] b, int start, int end) {
        long local = parseLocalMillis(b, start, Math.min(end, start + 19));
        if (local == INVALID) {
            return INVALID;
        }
        int i = start + 19;
        long fraction = 0;
        if (i < end && b[i] == '.') {
            i++;
            int digits = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (digits < 3) {
                    fraction = fraction * 10 + (b[i] - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0 || digits > 9) {
                return INVALID;
            }
            for (int d = digits; d < 3; d++) {
                fraction *= 10;
            }
        }
        if (i == end) {
            return NO_OFFSET;
        }
        long offsetSeconds;
        if (b[i] == 'Z' && i + 1 == end) {
            offsetSeconds = 0;
        } else if (b[i] == '+' || b[i] == '-') {
            int sign = b[i] == '-' ? -1 : 1;
            int rest = end - i - 1;
            int hours;
            int minutes;
            if (rest == 5 && b[i + 3] == ':') {
                hours = two(b, i + 1);
                minutes = two(b, i + 4);
            } else if (rest == 4) {
                hours = two(b, i + 1);
                minutes = two(b, i + 3);
            } else if (rest == 2) {
                hours = two(b, i + 1);
                minutes = 0;
            } else {
                return INVALID;
            }
            if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
                return INVALID;
            }
            offsetSeconds = sign * (hours * 3600L + minutes * 60L);
        } else {
            return INVALID;
        }
        return local + fraction - offsetSeconds * 1000;
    }

    /**
     * Millis of a local date-time {@code YYYY-MM-DD[T ]HH:MM:SS} as if it were UTC (the caller
     * applies the zone), or {@link #INVALID}. Exactly 19 bytes.
     */
    public static long parseLocalMillis(byte[] b, int start, int end) {
        if (end - start != 19 || b[start + 4] != '-' || b[start + 7] != '-' || (b[start + 10] != 'T' && b[start + 10] != ' ')
                || b[start + 13] != ':' || b[start + 16] != ':') {
            return INVALID;
        }
        int year = two(b, start) * 100 + two(b, start + 2);
        int month = two(b, start + 5);
        int day = two(b, start + 8);
        int hour = two(b, start + 11);
        int minute = two(b, start + 14);
        int second = two(b, start + 17);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        return (epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second) * 1000L;
    }

    private static int two(byte[] b, int at) {
        int high = b[at] - '0';
        int low = b[at + 1] - '0';
        if (high < 0 || high > 9 || low < 0 || low > 9) {
            return -1_000_000;
        }
        return high * 10 + low;
    }

    static int daysInMonth(int year, int month) {
        switch (month) {
            case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil). */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
