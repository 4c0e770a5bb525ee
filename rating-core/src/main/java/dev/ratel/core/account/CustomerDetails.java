package dev.ratel.core.account;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What documents say of an account's customer beyond its name and tax id ({@code customers.csv}): its requisites, the
 * contract the services are rendered under, and who signs the acts on the customer's side.
 */
public record CustomerDetails(String accountId, Requisites requisites, String contractNo, LocalDate contractDate,
                              String signerPosition, String signerName) {
    public CustomerDetails {
        Objects.requireNonNull(accountId, "accountId");
        requisites = requisites == null ? Requisites.NONE : requisites;
        contractNo = contractNo == null ? "" : contractNo.strip();
        signerPosition = signerPosition == null ? "" : signerPosition.strip();
        signerName = signerName == null ? "" : signerName.strip();
    }
}
