package dev.ratel.cli;

/** The contract's exit codes; cron and scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_CONFIGURATION = 2;
    public static final int TOO_MANY_REJECTS = 3;

    private ExitCodes() {
    }
}
