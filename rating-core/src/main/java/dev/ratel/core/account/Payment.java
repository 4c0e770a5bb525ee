package dev.ratel.core.account;

import java.time.LocalDate;

/** A row of {@code payments.csv}: money received, in minor units of the account's currency. */
public record Payment(String accountId, LocalDate paidOn, long amountMinor, String reference) {
}
