package dev.ratel.core.charge;

import dev.ratel.core.tax.LineAmounts;
import java.util.List;
import java.util.Set;

/** The recurring and one-time lines of one account for a period, with the flags they raised. */
public record AccountCharges(List<ChargeLine> lines, Set<String> flags) {
    public AccountCharges {
        lines = List.copyOf(lines);
        flags = Set.copyOf(flags);
    }

    public LineAmounts total() {
        LineAmounts total = LineAmounts.ZERO;
        for (ChargeLine line : lines) {
            total = total.plus(line.amounts());
        }
        return total;
    }
}
