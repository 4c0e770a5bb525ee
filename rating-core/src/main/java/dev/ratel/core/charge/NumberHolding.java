package dev.ratel.core.charge;

import dev.ratel.core.rating.NumberKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A number held by an account on one subscription over dates (inclusive; {@code activeTo} null =
 * open), with the number's status history: each {@link StatusChange} holds from its date until the
 * next one; before the first, the number is {@link NumberStatus#ACTIVE}. A number that moves between
 * accounts or plans has one holding for each, one after another; {@code continuesEarlier} says that
 * the number was held the day before {@code activeFrom} (a move, a plan change: no new connection).
 * {@code accountId} and {@code subscriptionId} are null in a holding not yet placed on a subscription.
 */
public record NumberHolding(String number, NumberKind kind, LocalDate activeFrom, LocalDate activeTo,
                            List<StatusChange> statuses, String accountId, String subscriptionId, boolean continuesEarlier) {
    public record StatusChange(LocalDate from, NumberStatus status) {
    }

    public NumberHolding {
        List<StatusChange> sorted = new ArrayList<>(statuses);
        sorted.sort(Comparator.comparing(StatusChange::from));
        statuses = List.copyOf(sorted);
        if (activeTo != null && activeTo.isBefore(activeFrom)) {
            throw new IllegalArgumentException("number " + number + " is held until " + activeTo + ", before " + activeFrom);
        }
    }

    /** A number not yet placed on a subscription, connected on {@code activeFrom}. */
    public NumberHolding(String number, NumberKind kind, LocalDate activeFrom, LocalDate activeTo, List<StatusChange> statuses) {
        this(number, kind, activeFrom, activeTo, statuses, null, null, false);
    }

    /** This holding placed on a subscription of an account, over {@code from .. to}. */
    public NumberHolding on(String account, String subscription, LocalDate from, LocalDate to, boolean continues) {
        return new NumberHolding(number, kind, from, to, statuses, account, subscription, continues);
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(activeFrom) && (activeTo == null || !day.isAfter(activeTo));
    }

    public boolean activeBetween(LocalDate first, LocalDate last) {
        return !activeFrom.isAfter(last) && (activeTo == null || !activeTo.isBefore(first));
    }

    /** Whether the number was connected on {@code activeFrom} (not moved or re-planned onto this holding). */
    public boolean connectedHere() {
        return !continuesEarlier;
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
