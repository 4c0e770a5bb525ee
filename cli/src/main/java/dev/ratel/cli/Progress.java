package dev.ratel.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long step: on a terminal a progress bar (the {@code progressbar} library) with the
 * count, the rate and, when the total is known, the time left; under cron (no console) a plain line
 * every ten seconds with the same, so logs stay readable. Steps that run on several threads report
 * from each of them.
 */
final class Progress {
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final PrintWriter err;
    private final String what;
    private final String unit;
    private final long total;
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private long lastPrinted = System.nanoTime();

    Progress(PrintWriter err, String what) {
        this(err, what, -1, "records");
    }

    /** @param total how many the step has to do, or -1 when unknown */
    Progress(PrintWriter err, String what, long total, String unit) {
        this.err = err;
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(what).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed().setUpdateIntervalMillis(250).build();
    }

    synchronized void update(long done) {
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        long now = System.nanoTime();
        if ((now - lastPrinted) / 1_000_000 < LOG_EVERY_MILLIS) {
            return;
        }
        lastPrinted = now;
        err.println(line(done, (now - started) / 1e9));
        err.flush();
    }

    /** "documents: 41,200 of 100,000 accounts, 2,950/s, about 0:20 left". */
    String line(long done, double seconds) {
        double rate = done / Math.max(seconds, 1e-9);
        StringBuilder text = new StringBuilder(String.format(java.util.Locale.ROOT, "%s: %,d", what, done));
        if (total >= 0) {
            text.append(String.format(java.util.Locale.ROOT, " of %,d", total));
        }
        text.append(String.format(java.util.Locale.ROOT, " %s, %,.0f/s", unit, rate));
        if (total > 0 && done > 0 && done < total) {
            Duration left = Duration.ofSeconds(Math.round((total - done) / rate));
            text.append(String.format(java.util.Locale.ROOT, ", about %d:%02d left", left.toMinutes(), left.toSecondsPart()));
        }
        return text.toString();
    }

    synchronized void done(long done) {
        if (bar != null) {
            bar.stepTo(done);
            bar.close();
        }
    }

    /** A month end's progress: one display per stage, each closed when the next begins (and by {@link Stages#close}). */
    static final class Stages implements AutoCloseable {
        private final PrintWriter err;
        private Progress current;
        private long count;

        Stages(PrintWriter err) {
            this.err = err;
        }

        synchronized java.util.function.LongConsumer stage(String name, long total) {
            close();
            Progress progress = new Progress(err, name, total, name.equals("ingest") || name.equals("rate") ? "records" : "accounts");
            current = progress;
            count = 0;
            return done -> {
                synchronized (Stages.this) {
                    if (current == progress) {
                        count = Math.max(count, done);
                    }
                }
                progress.update(done);
            };
        }

        @Override
        public synchronized void close() {
            if (current != null) {
                current.done(count);
                current = null;
            }
        }
    }
}
