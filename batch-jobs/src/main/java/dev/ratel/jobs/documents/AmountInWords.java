package dev.ratel.jobs.documents;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import dev.ratel.core.money.Currency;

/**
 * An amount in Russian words as invoices and acts print it: the whole units spelt out with the
 * currency's name in the right case, the minor units as two digits
 * («Тридцать семь тысяч девятьсот девяносто тенге 00 тиын»). The spelling and the plural forms
 * come from ICU's Russian rules.
 */
public final class AmountInWords {
    private static final ULocale RUSSIAN = new ULocale("ru");
    /** Building the spell-out rules costs milliseconds and the format is not thread-safe: one per thread. */
    private static final ThreadLocal<RuleBasedNumberFormat> SPELLOUT =
            ThreadLocal.withInitial(() -> new RuleBasedNumberFormat(RUSSIAN, RuleBasedNumberFormat.SPELLOUT));
    private static final PluralRules PLURAL = PluralRules.forLocale(RUSSIAN);

    private AmountInWords() {
    }

    public static String of(long minor, Currency currency) {
        if (minor < 0) {
            return "Минус " + lowerFirst(of(-minor, currency));
        }
        long major = minor / currency.minorPerMajor();
        long cents = minor % currency.minorPerMajor();
        String words = SPELLOUT.get().format(major, "%spellout-cardinal-masculine");
        String majorName = name(currency, true, PLURAL.select(major));
        String minorName = name(currency, false, PLURAL.select(cents));
        return upperFirst(words) + " " + majorName + " " + String.format("%02d", cents) + " " + minorName;
    }

    /** The currency's name for a count of the plural category {@code category} (one, few, many). */
    private static String name(Currency currency, boolean major, String category) {
        int form = category.equals("one") ? 0 : category.equals("few") ? 1 : 2;
        switch (currency) {
            case KZT:
                return major ? "тенге" : "тиын";
            case RUB:
                return major ? new String[] {"рубль", "рубля", "рублей"}[form] : new String[] {"копейка", "копейки", "копеек"}[form];
            case USD:
                return major ? new String[] {"доллар США", "доллара США", "долларов США"}[form]
                        : new String[] {"цент", "цента", "центов"}[form];
            default:
                return major ? "евро" : new String[] {"евроцент", "евроцента", "евроцентов"}[form];
        }
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
