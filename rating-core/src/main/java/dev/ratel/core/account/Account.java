package dev.ratel.core.account;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A row of {@code accounts.csv}: the customer billed and how it pays, open from {@code openedOn} to
 * {@code closedOn} (inclusive; null = open). {@code planId} is the one-plan form of the reference
 * data: when set, the account holds that plan as its own account-wide subscription (whose id is the
 * account's) from opening to closing; null when its plans are in {@code subscriptions.csv}.
 */
public record Account(String id, String customerName, String taxId, String planId, PaymentMethod paymentMethod,
                      LocalDate openedOn, LocalDate closedOn) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(openedOn, "openedOn");
        if (closedOn != null && closedOn.isBefore(openedOn)) {
            throw new IllegalArgumentException("account " + id + " closes (" + closedOn + ") before it opens (" + openedOn + ")");
        }
    }

    /** An account open from {@code openedOn} on, holding {@code planId} (the one-plan form). */
    public Account(String id, String customerName, String taxId, String planId, PaymentMethod paymentMethod, LocalDate openedOn) {
        this(id, customerName, taxId, planId, paymentMethod, openedOn, null);
    }

    public boolean openOn(LocalDate day) {
        return !day.isBefore(openedOn) && (closedOn == null || !day.isAfter(closedOn));
    }

    public boolean openBetween(LocalDate first, LocalDate last) {
        return !openedOn.isAfter(last) && (closedOn == null || !closedOn.isBefore(first));
    }

    /** The subscription the one-plan form stands for, or null when the account names no plan. */
    public Subscription ownSubscription() {
        return planId == null ? null : new Subscription(id, id, planId, openedOn, closedOn, true);
    }
}
