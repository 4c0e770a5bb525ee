package dev.ratel.core.account;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A plan an account holds from {@code from} to {@code to} (inclusive local dates; {@code to} null =
 * open). A plan change is the end of one subscription and the start of another. An
 * {@code accountWide} subscription holds every number of the account that names no subscription of
 * its own on the days it is in force (Keńse's group plan, a Cloud PBX package); another holds the
 * numbers that name it («Просто» on one individual number). The subscription's id is its identity:
 * its allowance pools are kept under it.
 */
public record Subscription(String id, String accountId, String planId, LocalDate from, LocalDate to, boolean accountWide) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("subscription " + id + " ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }

    public boolean inForceBetween(LocalDate first, LocalDate last) {
        return !from.isAfter(last) && (to == null || !to.isBefore(first));
    }

    /** The first day of {@code [first, last]} the subscription is in force; call only when {@link #inForceBetween}. */
    public LocalDate firstDayWithin(LocalDate first) {
        return from.isAfter(first) ? from : first;
    }

    /** The last day of {@code [first, last]} the subscription is in force; call only when {@link #inForceBetween}. */
    public LocalDate lastDayWithin(LocalDate last) {
        return to == null || to.isAfter(last) ? last : to;
    }
}
