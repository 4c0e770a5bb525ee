package dev.ratel.core.tariff;

import dev.ratel.core.money.Currency;
import java.util.List;
import java.util.Objects;

/**
 * A price for usage: {@code pricePerUnitScaled} for every {@code unitSize} billed units (18 KZT per
 * 60 seconds, 18 KZT per 1 SMS part), an optional connect fee charged once per priced event, and
 * optional time-of-day and holiday variants. The currency may differ from the plan's; the rater
 * converts at the usage day's exchange rate.
 */
public record Rate(String id, long pricePerUnitScaled, long unitSize, long connectFeeScaled, Currency currency,
                   List<RateVariant> variants) {
    public Rate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        variants = List.copyOf(variants);
        if (pricePerUnitScaled < 0 || connectFeeScaled < 0) {
            throw new IllegalArgumentException("rate " + id + ": prices may not be negative");
        }
        if (unitSize < 1) {
            throw new IllegalArgumentException("rate " + id + ": the unit size must be at least 1");
        }
    }

    /** The price per unit in force at a local day kind and minute. */
    public long pricePerUnitAt(DayKind day, int minuteOfDay) {
        for (int i = 0; i < variants.size(); i++) {
            RateVariant variant = variants.get(i);
            if (variant.applies(day, minuteOfDay)) {
                return variant.pricePerUnitScaled();
            }
        }
        return pricePerUnitScaled;
    }
}
