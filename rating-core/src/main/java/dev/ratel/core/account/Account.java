package dev.ratel.core.account;

import java.time.LocalDate;
import java.util.Objects;

/** A row of {@code accounts.csv}: the customer billed, the plan, how it pays. */
public record Account(String id, String customerName, String taxId, String planId, PaymentMethod paymentMethod,
                      LocalDate openedOn) {
    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(openedOn, "openedOn");
    }
}
