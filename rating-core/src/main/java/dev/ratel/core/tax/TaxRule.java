package dev.ratel.core.tax;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A tax rate of one jurisdiction, in force from {@code validFrom} to {@code validTo} inclusive
 * ({@code null} = open-ended). The rate is in basis points: 2000 = 20 %.
 */
public record TaxRule(String jurisdiction, String name, LocalDate validFrom, LocalDate validTo, int rateBasisPoints) {
    public TaxRule {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(validFrom, "validFrom");
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("tax rule " + jurisdiction + " ends before it starts");
        }
        if (rateBasisPoints < 0 || rateBasisPoints > 10_000) {
            throw new IllegalArgumentException("tax rate out of range: " + rateBasisPoints + " bp");
        }
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** The rate as a percent string for documents: 2000 -> "20", 1250 -> "12.5". */
    public String percentText() {
        return java.math.BigDecimal.valueOf(rateBasisPoints, 2).stripTrailingZeros().toPlainString();
    }
}
