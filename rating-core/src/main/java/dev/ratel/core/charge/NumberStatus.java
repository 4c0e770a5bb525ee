package dev.ratel.core.charge;

/** A number's status in {@code number-status.csv}. */
public enum NumberStatus {
    ACTIVE,
    /** Blocked at the customer's request. */
    BLOCKED_CUSTOMER,
    /** Blocked on the operator's initiative (not for debt). */
    BLOCKED_OPERATOR,
    /** Blocked for non-payment; stays so until the debt is paid. */
    BLOCKED_DEBT;

    /** Whether a day in this status is left out of a daily pro-rata fee (Cloud PBX seed, item 2). */
    public boolean excusesFee() {
        return this == BLOCKED_CUSTOMER || this == BLOCKED_OPERATOR;
    }
}
