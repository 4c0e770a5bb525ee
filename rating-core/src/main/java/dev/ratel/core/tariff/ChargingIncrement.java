package dev.ratel.core.tariff;

/**
 * How raw usage is rounded up before it is drawn from allowances or priced: the first interval is
 * billed whole, then every started next interval. 60/60 bills per started minute, 1/1 per second,
 * 30/6 bills 30 seconds at least and then per started 6 seconds.
 */
public record ChargingIncrement(long firstUnits, long nextUnits) {
    public static final ChargingIncrement EXACT = new ChargingIncrement(1, 1);

    public ChargingIncrement {
        if (firstUnits < 1 || nextUnits < 1) {
            throw new IllegalArgumentException("increments must be at least 1, got " + firstUnits + "/" + nextUnits);
        }
    }

    /** Billed units for raw units; zero stays zero. */
    public long billedUnits(long rawUnits) {
        if (rawUnits <= 0) {
            return 0;
        }
        if (rawUnits <= firstUnits) {
            return firstUnits;
        }
        long rest = rawUnits - firstUnits;
        return firstUnits + (rest + nextUnits - 1) / nextUnits * nextUnits;
    }

    @Override
    public String toString() {
        return firstUnits + "/" + nextUnits;
    }
}
