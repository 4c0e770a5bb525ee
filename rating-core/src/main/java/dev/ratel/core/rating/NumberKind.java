package dev.ratel.core.rating;

/** The kind of a subscriber number in {@code numbers.csv}. */
public enum NumberKind {
    /** A SIM card's mobile number. */
    MOBILE,
    /** A Virtual PBX multichannel group number. */
    VPBX_GROUP,
    /** A SIP or cloud PBX number. */
    SIP,
    /** A freephone (8-800) number whose owner pays for incoming calls. */
    FREEPHONE
}
