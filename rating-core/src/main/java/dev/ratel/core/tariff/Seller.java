package dev.ratel.core.tariff;

import java.util.Objects;

/**
 * Who sells a plan and issues its invoices: the name and tax id (BIN in Kazakhstan, INN in
 * Russia) printed on every document, the address, the bank details, and the series that numbers
 * its invoices (gapless per series and year).
 */
public record Seller(String name, String taxId, String address, String bankDetails, String invoiceSeries) {
    public Seller {
        Objects.requireNonNull(name, "name");
        taxId = taxId == null ? "" : taxId;
        address = address == null ? "" : address;
        bankDetails = bankDetails == null ? "" : bankDetails;
        Objects.requireNonNull(invoiceSeries, "invoiceSeries");
        if (!invoiceSeries.matches("[A-Z0-9-]{1,16}")) {
            throw new IllegalArgumentException("invoice series '" + invoiceSeries
                    + "' must be 1 to 16 capital Latin letters, digits or dashes");
        }
    }

    /** A plan's seller when its file names none: documents still render, the gap shows. */
    public static Seller unnamed(String jurisdiction) {
        return new Seller("(seller not set in the tariff file)", "", "", "", jurisdiction);
    }
}
