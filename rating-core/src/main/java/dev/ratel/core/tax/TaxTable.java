package dev.ratel.core.tax;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Effective-dated tax rules per jurisdiction. Rules of one jurisdiction may not overlap, so the
 * rule in force on a date is never ambiguous.
 */
public final class TaxTable {
    /** Russia's VAT (НДС): 20 % to the end of 2025, 22 % from 2026-01-01. */
    public static final String RUSSIA = "RU";
    /** Kazakhstan's VAT (НДС / ҚҚС): 12 % to the end of 2025, 16 % from 2026-01-01. */
    public static final String KAZAKHSTAN = "KZ";

    private final List<TaxRule> rules;

    public TaxTable(List<TaxRule> rules) {
        List<TaxRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(TaxRule::jurisdiction).thenComparing(TaxRule::validFrom));
        for (int i = 1; i < sorted.size(); i++) {
            TaxRule previous = sorted.get(i - 1);
            TaxRule next = sorted.get(i);
            if (previous.jurisdiction().equals(next.jurisdiction())
                    && (previous.validTo() == null || !previous.validTo().isBefore(next.validFrom()))) {
                throw new IllegalArgumentException("tax rules of " + next.jurisdiction()
                        + " overlap: " + previous.validFrom() + " and " + next.validFrom());
            }
        }
        this.rules = List.copyOf(sorted);
    }

    /** The VAT rules Ratel ships for Russia and Kazakhstan. */
    public static TaxTable standard() {
        return new TaxTable(List.of(
                new TaxRule(RUSSIA, "НДС", LocalDate.of(2019, 1, 1), LocalDate.of(2025, 12, 31), 2000),
                new TaxRule(RUSSIA, "НДС", LocalDate.of(2026, 1, 1), null, 2200),
                new TaxRule(KAZAKHSTAN, "НДС", LocalDate.of(2009, 1, 1), LocalDate.of(2025, 12, 31), 1200),
                new TaxRule(KAZAKHSTAN, "НДС", LocalDate.of(2026, 1, 1), null, 1600)));
    }

    /**
     * The rule of the jurisdiction in force on the date.
     *
     * @throws IllegalArgumentException if none is in force: a bill without a tax rule must stop,
     *     never go out untaxed
     */
    public TaxRule ruleOn(String jurisdiction, LocalDate date) {
        for (TaxRule rule : rules) {
            if (rule.jurisdiction().equals(jurisdiction) && rule.inForceOn(date)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no tax rule of jurisdiction " + jurisdiction + " in force on " + date);
    }

    public boolean knowsJurisdiction(String jurisdiction) {
        for (TaxRule rule : rules) {
            if (rule.jurisdiction().equals(jurisdiction)) {
                return true;
            }
        }
        return false;
    }

    public List<TaxRule> rules() {
        return rules;
    }
}
