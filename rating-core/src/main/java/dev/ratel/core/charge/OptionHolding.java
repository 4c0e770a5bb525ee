package dev.ratel.core.charge;

import java.time.LocalDate;

/** A row of {@code account-options.csv}: a quantity of an option or counted resource over dates (inclusive). */
public record OptionHolding(String optionId, long quantity, LocalDate from, LocalDate to) {
    public boolean activeBetween(LocalDate first, LocalDate last) {
        return !from.isAfter(last) && (to == null || !to.isBefore(first));
    }
}
