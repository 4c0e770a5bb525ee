package dev.ratel.cli;

import java.io.PrintWriter;

/**
 * Progress of a long job: on a terminal a line rewritten in place with the rate, under cron (no
 * console) a plain line every ten seconds, so logs stay readable.
 */
final class Progress {
    private static final long TERMINAL_EVERY_MILLIS = 250;
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final PrintWriter err;
    private final String what;
    private final boolean terminal = System.console() != null;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();

    Progress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    void update(long records) {
        long now = System.nanoTime();
        long every = terminal ? TERMINAL_EVERY_MILLIS : LOG_EVERY_MILLIS;
        if ((now - lastPrinted) / 1_000_000 < every) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        String line = String.format("%s: %,d records, %,.0f/s", what, records, records / Math.max(seconds, 1e-9));
        if (terminal) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    void done(long records) {
        if (terminal && (System.nanoTime() - started) / 1_000_000 >= TERMINAL_EVERY_MILLIS) {
            err.println();
        }
    }
}
