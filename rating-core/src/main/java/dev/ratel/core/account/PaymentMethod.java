package dev.ratel.core.account;

/** How an account pays: the «Кабинет» seed's advance and credit methods. */
public enum PaymentMethod {
    /** Pays after the invoice, by its due date. */
    CREDIT,
    /** Pays in advance; service stops when the balance falls below zero. */
    ADVANCE
}
