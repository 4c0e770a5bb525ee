package dev.ratel.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long job: on a terminal a progress bar (the {@code progressbar} library) with the
 * count, the rate and the time taken; under cron (no console) a plain line every ten seconds, so
 * logs stay readable.
 */
final class Progress {
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final PrintWriter err;
    private final String what;
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();

    Progress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(what).setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" records", 1).showSpeed().setUpdateIntervalMillis(250).build();
    }

    void update(long records) {
        if (bar != null) {
            bar.stepTo(records);
            return;
        }
        long now = System.nanoTime();
        if ((now - lastPrinted) / 1_000_000 < LOG_EVERY_MILLIS) {
            return;
        }
        lastPrinted = now;
        double seconds = (now - started) / 1e9;
        err.println(String.format("%s: %,d records, %,.0f/s", what, records, records / Math.max(seconds, 1e-9)));
        err.flush();
    }

    void done(long records) {
        if (bar != null) {
            bar.stepTo(records);
            bar.close();
        }
    }
}
