package dev.ratel.core.charge;

import dev.ratel.core.rating.NumberKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A number of an account with its active dates (inclusive; {@code activeTo} null = open) and its
 * status history: each {@link StatusChange} holds from its date until the next one; before the
 * first, the number is {@link NumberStatus#ACTIVE}.
 */
public record NumberHolding(String number, NumberKind kind, LocalDate activeFrom, LocalDate activeTo,
                            List<StatusChange> statuses) {
    public record StatusChange(LocalDate from, NumberStatus status) {
    }

    public NumberHolding {
        List<StatusChange> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(StatusChange::from));
        statuses = List.copyOf(sorted);
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(activeFrom) && (activeTo == null || !day.isAfter(activeTo));
    }

    public boolean activeBetween(LocalDate first, LocalDate last) {
        return !activeFrom.isAfter(last) && (activeTo == null || !activeTo.isBefore(first));
    }

    public NumberStatus statusOn(LocalDate day) {
        NumberStatus status = NumberStatus.ACTIVE;
        for (StatusChange change : statuses) {
            if (change.from().isAfter(day)) {
                break;
            }
            status = change.status();
        }
        return status;
    }
}
