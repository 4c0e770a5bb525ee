package dev.ratel.core.tax;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Effective-dated tax rules per jurisdiction. Rules of one jurisdiction may not overlap, so the
 * rule in force on a date is never ambiguous. The rates are reference data ({@code tax-rates.csv}, read by
 * the formats module, which ships the known Russian and Kazakh ones), never compiled in.
 */
public final class TaxTable {
    /** Russia's jurisdiction code. */
    public static final String RUSSIA = "RU";
    /** Kazakhstan's jurisdiction code. */
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
