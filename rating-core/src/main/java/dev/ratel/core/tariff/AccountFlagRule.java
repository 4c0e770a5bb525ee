package dev.ratel.core.tariff;

/**
 * Flags an account whose monthly bill (gross, in the plan's currency) reaches a threshold: the
 * Keńse seed grants personal service from 50 000 KZT a month.
 */
public record AccountFlagRule(String flag, String description, long monthlyGrossAtLeastScaled) {
    public boolean appliesTo(long monthlyGrossScaled) {
        return monthlyGrossScaled >= monthlyGrossAtLeastScaled;
    }
}
