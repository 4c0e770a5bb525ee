package dev.ratel.core.tariff;

import java.util.Objects;

/**
 * A periodic charge: {@code priceScaled} per counted unit above {@code includedQuantity}
 * (a package fee counts {@link ResourceCount#PACKAGE} with nothing included). {@code maxAbove}
 * caps the units above the included ones the plan allows (Keńse: at most 15 extra SIMs), -1 for
 * none; more is charged all the same but flags the account for review. {@code partialMonth} says
 * how a month the subscription holds on some days only is charged.
 */
public record RecurringFee(String code, String description, String unitLabel, long priceScaled, ResourceCount counts,
                           long includedQuantity, long maxAbove, FeeTiming timing, Proration proration, PartialMonth partialMonth) {
    public RecurringFee {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(proration, "proration");
        Objects.requireNonNull(partialMonth, "partialMonth");
        if (priceScaled < 0 || includedQuantity < 0 || maxAbove < -1) {
            throw new IllegalArgumentException("fee " + code + ": negative price or quantity");
        }
    }

    /** A fee charged in full for any month its subscription holds on some day ({@link PartialMonth#FULL}). */
    public RecurringFee(String code, String description, String unitLabel, long priceScaled, ResourceCount counts,
                        long includedQuantity, long maxAbove, FeeTiming timing, Proration proration) {
        this(code, description, unitLabel, priceScaled, counts, includedQuantity, maxAbove, timing, proration, PartialMonth.FULL);
    }

    /** Units charged for a counted quantity: what is above the included amount. */
    public long chargedQuantity(long counted) {
        return counts.kind() == ResourceCount.Kind.PACKAGE ? 1 : Math.max(0, counted - includedQuantity);
    }

    public boolean capExceeded(long counted) {
        return maxAbove >= 0 && chargedQuantity(counted) > maxAbove;
    }
}
