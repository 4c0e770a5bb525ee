package dev.ratel.core.time;

/**
 * Calendar arithmetic on epoch days without allocation (the civil-from-days algorithm of
 * H. Hinnant), for the hot path. Periods are months, numbered {@code year * 12 + month - 1}.
 */
public final class CivilDates {
    private CivilDates() {
    }

    /** Day of week of an epoch day, Monday = 1 ... Sunday = 7 (ISO). */
    public static int isoDayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7) + 1;
    }

    /** The period (year * 12 + month - 1) an epoch day falls in. */
    public static int periodOfEpochDay(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        long month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        return (int) (year * 12 + month - 1);
    }

    /** The day of the month (1..31) of an epoch day, without {@code java.time} objects (same civil algorithm). */
    public static int dayOfMonthOfEpochDay(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        return (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    }

    public static int period(int year, int month) {
        return year * 12 + month - 1;
    }

    public static java.time.YearMonth yearMonth(int period) {
        return java.time.YearMonth.of(Math.floorDiv(period, 12), Math.floorMod(period, 12) + 1);
    }
}
