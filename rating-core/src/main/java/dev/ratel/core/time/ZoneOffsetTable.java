package dev.ratel.core.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Local calendar facts of an instant in one time zone, without allocating: the zone's offset
 * transitions from 1970 to 2100 are read once into arrays and looked up by binary search.
 *
 * <p>Daylight-saving policy: an instant belongs to the local day and minute its offset at that
 * instant gives; nothing is shifted or repeated by hand. Kazakhstan (one zone, UTC+5, since
 * 2024-03-01) and Moscow (UTC+3) have no transitions in the billing years, but the table is
 * correct for any zone of the JDK's database.
 */
public final class ZoneOffsetTable {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long LAST_INSTANT_SECONDS = 4_102_444_800L; // 2100-01-01T00:00Z

    private final ZoneId zone;
    private final long[] transitionEpochMillis;
    private final int[] offsetMillisFrom;

    public ZoneOffsetTable(ZoneId zone) {
        this.zone = zone;
        ZoneRules rules = zone.getRules();
        long[] at = new long[16];
        int[] offsets = new int[16];
        int count = 0;
        at[count] = Long.MIN_VALUE;
        offsets[count++] = rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000;
        ZoneOffsetTransition transition = rules.nextTransition(Instant.EPOCH);
        while (transition != null && transition.getInstant().getEpochSecond() < LAST_INSTANT_SECONDS) {
            if (count == at.length) {
                at = Arrays.copyOf(at, count * 2);
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            at[count] = transition.getInstant().toEpochMilli();
            offsets[count++] = transition.getOffsetAfter().getTotalSeconds() * 1000;
            transition = rules.nextTransition(transition.getInstant());
        }
        this.transitionEpochMillis = Arrays.copyOf(at, count);
        this.offsetMillisFrom = Arrays.copyOf(offsets, count);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Offset from UTC in milliseconds at the instant. */
    public int offsetMillis(long epochMillis) {
        int last = transitionEpochMillis.length - 1;
        if (epochMillis >= transitionEpochMillis[last]) {
            // after the zone's last change (Kazakhstan's was 2024-03-01, Moscow's 2014): every record of a billing year
            return offsetMillisFrom[last];
        }
        int index = Arrays.binarySearch(transitionEpochMillis, epochMillis);
        if (index < 0) {
            index = -index - 2;
        }
        return offsetMillisFrom[index];
    }

    /** The local date of the instant as days since 1970-01-01. */
    public long localEpochDay(long epochMillis) {
        return Math.floorDiv(epochMillis + offsetMillis(epochMillis), MILLIS_PER_DAY);
    }

    /** Minutes since local midnight, 0 to 1439. */
    public int localMinuteOfDay(long epochMillis) {
        return (int) (Math.floorMod(epochMillis + offsetMillis(epochMillis), MILLIS_PER_DAY) / 60_000L);
    }

    /**
     * Epoch millis of a local date-time given as millis since 1970-01-01T00:00 local. In a gap
     * (clocks forward) the time is read with the offset before the gap; in an overlap (clocks back)
     * the earlier of the two instants is taken.
     */
    public long localToEpochMillis(long localMillis) {
        int before = offsetMillis(localMillis - MILLIS_PER_DAY);
        int after = offsetMillis(localMillis + MILLIS_PER_DAY);
        boolean beforeFits = offsetMillis(localMillis - before) == before;
        boolean afterFits = offsetMillis(localMillis - after) == after;
        if (beforeFits && afterFits) {
            return localMillis - Math.max(before, after);
        }
        if (afterFits) {
            return localMillis - after;
        }
        return localMillis - before;
    }

    /** Epoch millis of local midnight starting the given local day. */
    public long startOfLocalDay(long epochDay) {
        long guess = epochDay * MILLIS_PER_DAY;
        long start = guess - offsetMillis(guess);
        return guess - offsetMillis(start);
    }
}
