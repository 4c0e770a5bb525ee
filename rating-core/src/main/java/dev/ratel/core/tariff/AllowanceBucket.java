package dev.ratel.core.tariff;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import dev.ratel.core.rating.NumberKind;

/**
 * An allowance granted every period: {@code amount} units ({@link UsageUnit}), or unlimited.
 * Unused units expire at the period's end. {@code numberKinds} lists which kinds of number are
 * granted it (a Keńse SIM gets 200 minutes; the group number does not).
 */
public record AllowanceBucket(String id, String description, UsageUnit unit, long amount, boolean unlimited,
                              BucketScope scope, BucketStart start, Set<NumberKind> numberKinds) {
    public AllowanceBucket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(start, "start");
        numberKinds = numberKinds.isEmpty() ? EnumSet.allOf(NumberKind.class) : EnumSet.copyOf(numberKinds);
        if (!unlimited && amount < 0) {
            throw new IllegalArgumentException("bucket " + id + ": the amount may not be negative");
        }
        if (unlimited && unit == UsageUnit.MONEY) {
            throw new IllegalArgumentException("bucket " + id + ": a money bucket cannot be unlimited");
        }
    }

    /** The units granted per period; {@link Long#MAX_VALUE} for unlimited. */
    public long grantedUnits() {
        return unlimited ? Long.MAX_VALUE : amount;
    }
}
