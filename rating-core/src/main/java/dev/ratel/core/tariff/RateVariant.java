package dev.ratel.core.tariff;

import java.util.EnumSet;
import java.util.Set;

/**
 * A price that replaces the rate's base price on some kinds of day between two local times
 * ({@code fromMinute} inclusive, {@code toMinute} exclusive, minutes since midnight; a window may
 * wrap past midnight, 22:00-08:00). The first matching variant wins, at the event's start.
 */
public record RateVariant(Set<DayKind> days, int fromMinute, int toMinute, long pricePerUnitScaled) {
    public RateVariant {
        days = days.isEmpty() ? EnumSet.allOf(DayKind.class) : EnumSet.copyOf(days);
        if (fromMinute < 0 || fromMinute > 1440 || toMinute < 0 || toMinute > 1440 || fromMinute == toMinute) {
            throw new IllegalArgumentException("time window " + fromMinute + "-" + toMinute + " is empty or out of the day");
        }
        if (pricePerUnitScaled < 0) {
            throw new IllegalArgumentException("a price may not be negative");
        }
    }

    public boolean applies(DayKind day, int minuteOfDay) {
        if (!days.contains(day)) {
            return false;
        }
        return fromMinute < toMinute
                ? minuteOfDay >= fromMinute && minuteOfDay < toMinute
                : minuteOfDay >= fromMinute || minuteOfDay < toMinute;
    }
}
