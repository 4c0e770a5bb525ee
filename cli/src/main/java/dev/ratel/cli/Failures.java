package dev.ratel.cli;

import dev.ratel.core.state.DiskSpace;

/**
 * What a failed command tells its operator: the cause that says what to do, not the wrapper around it,
 * with phone numbers and passwords masked (the message goes to cron mail and tickets).
 */
final class Failures {
    private Failures() {
    }

    /** The message of the most telling cause in the chain: no space left, a mapped write that failed, else the failure's own. */
    static String describe(Throwable failure) {
        return MaskedMessage.mask(dev.ratel.jobs.batch.JdbcUrls.masked(telling(failure)));
    }

    private static String telling(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DiskSpace.NoSpaceLeftException) {
                return cause.getMessage();
            }
            if (cause instanceof InternalError && String.valueOf(cause.getMessage()).contains("unsafe memory access")) {
                // SIGBUS on a page of a mapped file: the device had no room for it, or failed
                return "a write to a memory-mapped file of the home failed (most likely no space is left on its device): free space"
                        + " and run the same command again; it goes on where this run stopped";
            }
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.toString() : message;
    }
}
