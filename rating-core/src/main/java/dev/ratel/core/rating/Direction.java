package dev.ratel.core.rating;

/** Which way the charged party took part in the usage (the contract's {@code direction}). */
public enum Direction {
    /** The charged party called or sent. */
    OUT,
    /** The charged party received, as the owner of a freephone 8-800 number does. */
    IN,
    /** The charged party forwarded the call. */
    FWD
}
