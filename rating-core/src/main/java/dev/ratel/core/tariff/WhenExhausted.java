package dev.ratel.core.tariff;

/** What a usage rule does with the units its buckets do not cover. */
public enum WhenExhausted {
    /** Price them at the rule's rate. */
    CHARGE,
    /** Free. */
    FREE,
    /** Free, but the network slows the service down; the record is marked throttled. */
    THROTTLE,
    /** The network would have refused the usage: the record is rejected for review. */
    REFUSE
}
