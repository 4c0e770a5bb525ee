package dev.ratel.core.tax;

/** An invoice line's amounts in minor units (tiyn, kopecks): net + tax = gross, always. */
public record LineAmounts(long netMinor, long taxMinor, long grossMinor) {
    public LineAmounts {
        if (netMinor + taxMinor != grossMinor) {
            throw new IllegalArgumentException("net " + netMinor + " + tax " + taxMinor + " != gross " + grossMinor);
        }
    }

    public static final LineAmounts ZERO = new LineAmounts(0, 0, 0);

    public LineAmounts plus(LineAmounts other) {
        return new LineAmounts(netMinor + other.netMinor, taxMinor + other.taxMinor, grossMinor + other.grossMinor);
    }
}
