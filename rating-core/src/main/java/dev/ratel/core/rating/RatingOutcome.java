package dev.ratel.core.rating;

/** How rating one event ended. Everything but {@link #RATED} sends the record to rejects. */
public enum RatingOutcome {
    RATED,
    /** No rule of the plan version matches the event's service, direction, number kind and class. */
    NO_RULE,
    /** The rule refuses usage past its allowances (the network would not have carried it). */
    REFUSED,
    /** The rate is in another currency and no exchange rate is in force on the usage day. */
    NO_EXCHANGE_RATE
}
