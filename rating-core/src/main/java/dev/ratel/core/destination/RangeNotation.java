package dev.ratel.core.destination;

import java.util.ArrayList;
import java.util.List;

/**
 * The price lists' short range notation: {@code 783141-3} stands for the prefixes 783141, 783142
 * and 783143; {@code 7846300-4} for 7846300 to 7846304; the digits after the dash replace as many
 * trailing digits of the base and mark the last prefix of the run. A plain prefix stands for itself.
 */
public final class RangeNotation {
    private RangeNotation() {
    }

    /**
     * Expands one entry into its prefixes, in ascending order.
     *
     * @throws IllegalArgumentException naming the entry when it is not digits, digits-digits, or the
     *     run goes backwards
     */
    public static List<String> expand(String entry) {
        String text = entry.trim();
        int dash = text.indexOf('-');
        if (dash < 0) {
            requireDigits(text, entry);
            return List.of(text);
        }
        String base = text.substring(0, dash);
        String last = text.substring(dash + 1);
        requireDigits(base, entry);
        requireDigits(last, entry);
        if (last.length() > base.length()) {
            throw new IllegalArgumentException("range '" + entry + "': the part after '-' is longer than the prefix");
        }
        String head = base.substring(0, base.length() - last.length());
        long from = Long.parseLong(base.substring(head.length()));
        long to = Long.parseLong(last);
        if (to < from) {
            throw new IllegalArgumentException("range '" + entry + "' runs backwards (" + from + " > " + to + ")");
        }
        List<String> prefixes = new ArrayList<>();
        String format = "%0" + last.length() + "d";
        for (long tail = from; tail <= to; tail++) {
            prefixes.add(head + String.format(format, tail));
        }
        return prefixes;
    }

    private static void requireDigits(String text, String entry) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + entry + "' is not a prefix of digits or a range such as 783141-3");
        }
    }
}
