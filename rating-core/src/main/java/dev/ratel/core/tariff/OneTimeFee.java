package dev.ratel.core.tariff;

import dev.ratel.core.rating.NumberKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fee charged once when a number of one of {@code numberKinds} is connected (its
 * {@code active_from} falls in the period), priced by the longest matching prefix of the number
 * («Простой бизнес»: 2 500 in area code 495, 1 000 in 499, 812 ...), else {@code defaultPriceScaled}
 * (-1: numbers outside the listed codes cannot be connected on this plan, and billing one is an error).
 */
public record OneTimeFee(String code, String description, Set<NumberKind> numberKinds,
                         Map<String, Long> priceByPrefixScaled, long defaultPriceScaled) {
    public OneTimeFee {
        Objects.requireNonNull(code, "code");
        numberKinds = numberKinds.isEmpty() ? EnumSet.allOf(NumberKind.class) : EnumSet.copyOf(numberKinds);
        priceByPrefixScaled = Map.copyOf(new LinkedHashMap<>(priceByPrefixScaled));
    }

    /** The fee for connecting {@code number}, or -1 when no price applies to it. */
    public long priceFor(String number) {
        String best = null;
        for (String prefix : priceByPrefixScaled.keySet()) {
            if (number.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? defaultPriceScaled : priceByPrefixScaled.get(best);
    }
}
