package dev.ratel.core.tariff;

import dev.ratel.core.rating.NumberKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a recurring fee counts: the package itself (always 1), the account's numbers of some kinds
 * active on any day of the period ({@code numbers.csv}), or the quantity of an option or counted
 * resource ({@code account-options.csv}: employees, multichannel-channels, call-recording ...), or
 * the bill's minimum: a fee counting {@link Kind#MINIMUM_TOTAL} tops the month's total up to its price.
 */
public record ResourceCount(Kind kind, Set<NumberKind> numberKinds, String optionId) {
    public enum Kind { PACKAGE, NUMBERS, OPTION, MINIMUM_TOTAL }

    public static final ResourceCount PACKAGE = new ResourceCount(Kind.PACKAGE, Set.of(), null);
    public static final ResourceCount MINIMUM_TOTAL = new ResourceCount(Kind.MINIMUM_TOTAL, Set.of(), null);

    public ResourceCount {
        numberKinds = numberKinds.isEmpty() ? EnumSet.noneOf(NumberKind.class) : EnumSet.copyOf(numberKinds);
        if (kind == Kind.NUMBERS && numberKinds.isEmpty()) {
            throw new IllegalArgumentException("a count of numbers must name their kinds");
        }
        if (kind == Kind.OPTION && (optionId == null || optionId.isBlank())) {
            throw new IllegalArgumentException("a count of an option must name the option");
        }
    }

    public static ResourceCount numbers(Set<NumberKind> kinds) {
        return new ResourceCount(Kind.NUMBERS, kinds, null);
    }

    public static ResourceCount option(String optionId) {
        return new ResourceCount(Kind.OPTION, Set.of(), optionId);
    }
}
