package dev.ratel.formats.reference;

import java.util.regex.Pattern;

/**
 * The one syntax of every id an operator writes (accounts, subscriptions, sellers, plans' rates,
 * allowances, rules, fees, classes): 1 to 64 of the letters A-Z a-z, digits and {@code . _ -}, not
 * starting with {@code .} or {@code -}. 64 is what the job repository's columns hold; the first
 * character keeps an id from starting a spreadsheet formula ({@code = + - @}) in any CSV.
 */
public final class IdSyntax {
    /** The rule in words, for messages. */
    public static final String RULE = "1 to 64 of the letters A-Z a-z, digits and . _ - (not starting with . or -)";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

    private IdSyntax() {
    }

    public static boolean isValid(String id) {
        return ID.matcher(id).matches();
    }
}
