package dev.ratel.core.rating;

/** The kind of usage a record carries, and so the unit it is measured in. */
public enum Service {
    /** Answered seconds of a call. */
    VOICE,
    /** Message parts of an SMS. */
    SMS,
    /** Uplink plus downlink bytes. */
    DATA
}
