package dev.ratel.formats.reference;

import java.time.LocalDate;

/**
 * The dates tariff and reference files may hold: ISO {@code YYYY-MM-DD} from 1900 to 9999. {@code LocalDate}
 * parses {@code +999999999-12-31}, and the day after it, or its instant in milliseconds, is no number:
 * a span or an index built from such a date would throw out of the loader instead of naming the line.
 */
public final class DateSyntax {
    /** How a problem message states the rule. */
    public static final String RULE = "a date YYYY-MM-DD from 1900 to 9999";

    private DateSyntax() {
    }

    /** Whether the date is one Ratel's spans and indexes can hold. */
    public static boolean usable(LocalDate date) {
        return date.getYear() >= 1900 && date.getYear() <= 9999;
    }
}
