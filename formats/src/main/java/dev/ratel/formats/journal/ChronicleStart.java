package dev.ratel.formats.journal;

import net.openhft.posix.PosixAPI;

/** What Chronicle is told before it first starts in the JVM: each journal's {@code open} calls {@link #ensure}. */
final class ChronicleStart {
    static {
        // Chronicle's core binds the C library's POSIX calls through jnr-ffi as it starts, generating
        // the binding's classes at run time: 0.07 s of every job's start on a small machine, measured.
        // Of those calls Chronicle makes only msync (for a queue's sync modes) and clock_gettime (for a
        // POSIX time provider), and Ratel configures neither: a journal survives a kill through the page
        // cache, as before. The no-op binding leaves the rest of Chronicle as it was.
        PosixAPI.useNoOpPosixApi();
    }

    private ChronicleStart() {
    }

    /** Makes sure the class has been initialised; calls after the first do nothing. */
    static void ensure() {
        // the work is the static initialiser's
    }
}
