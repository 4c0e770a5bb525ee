package dev.ratel.core.tariff;

import dev.ratel.core.account.Requisites;
import java.util.Objects;

/**
 * Who sells a plan and issues its invoices: the name and tax id (BIN in Kazakhstan, INN in
 * Russia) printed on every document, the address, the bank details (as one line of text, or as
 * checked {@link Requisites}), the series that numbers its invoices (gapless per series and year),
 * and who signs for it: the head (руководитель) and the chief accountant.
 */
public record Seller(String name, String taxId, String address, String bankDetails, String invoiceSeries, Requisites requisites,
                     String head, String chiefAccountant) {
    public Seller {
        Objects.requireNonNull(name, "name");
        taxId = taxId == null ? "" : taxId;
        address = address == null ? "" : address;
        bankDetails = bankDetails == null ? "" : bankDetails;
        requisites = requisites == null ? Requisites.NONE : requisites;
        head = head == null ? "" : head;
        chiefAccountant = chiefAccountant == null ? "" : chiefAccountant;
        Objects.requireNonNull(invoiceSeries, "invoiceSeries");
        if (!invoiceSeries.matches("[A-Z0-9-]{1,16}")) {
            throw new IllegalArgumentException("invoice series '" + invoiceSeries
                    + "' must be 1 to 16 capital Latin letters, digits or dashes");
        }
    }

    /** A seller with the bank details as one line and no requisites or signers. */
    public Seller(String name, String taxId, String address, String bankDetails, String invoiceSeries) {
        this(name, taxId, address, bankDetails, invoiceSeries, Requisites.NONE, "", "");
    }

    /** A plan's seller when its file names none: documents still render, the gap shows. */
    public static Seller unnamed(String jurisdiction) {
        return new Seller("(seller not set in the tariff file)", "", "", "", jurisdiction);
    }
}
