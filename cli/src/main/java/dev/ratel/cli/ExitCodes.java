package dev.ratel.cli;

/** The contract's exit codes; cron and scripts rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_CONFIGURATION = 2;
    public static final int TOO_MANY_REJECTS = 3;
    /**
     * The close finished and every other account is invoiced, but some accounts could not be (their data breaks a
     * rule of their plan): listed with the reason in the period's held-accounts.csv; fix the data and close the
     * period again to invoice them.
     */
    public static final int ACCOUNTS_HELD = 4;

    /** Exit 4 when a close held accounts, after saying which on standard error. */
    static int afterCloses(java.io.PrintWriter err, java.util.List<dev.ratel.jobs.close.CloseMonth.Result> closes, int otherwise) {
        int code = otherwise;
        for (dev.ratel.jobs.close.CloseMonth.Result close : closes) {
            if (!close.held().isEmpty()) {
                err.printf("ratel: %d account(s) of %s not invoiced (see %s): fix their reference data or tariffs, then run"
                                + " 'ratel close-month --period %s' again to invoice them%n", close.held().size(), close.period(),
                        close.directory().resolve("held-accounts.csv"), close.period());
                code = ACCOUNTS_HELD;
            }
        }
        return code;
    }

    private ExitCodes() {
    }
}
