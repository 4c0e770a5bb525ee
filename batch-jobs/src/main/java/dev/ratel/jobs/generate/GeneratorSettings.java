package dev.ratel.jobs.generate;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Objects;

/**
 * What {@link Generator} makes.
 *
 * @param out the directory written: {@code reference/}, {@code cdr/} and, with {@code asterisk}, {@code asterisk/}
 * @param accounts accounts over the sample plans
 * @param cdrs CDRs in total (before duplicates and malformed lines are added)
 * @param period the month the usage falls in
 * @param days the usage falls on the month's first {@code days} days (the whole month when 0 or more)
 * @param seed the same seed gives byte-identical files
 * @param asterisk write the Russian PBX accounts' calls as Asterisk {@code Master.csv} instead of canonical CSV
 * @param parquet write the canonical CDRs as Parquet ({@code cdr-DAY.parquet}) instead of CSV
 * @param lateShare share of CDRs delivered in a file after the month's end
 * @param duplicateShare share of CDRs delivered a second time, in a later file
 * @param malformedShare share of lines written broken
 */
public record GeneratorSettings(Path out, int accounts, long cdrs, YearMonth period, int days, long seed, boolean asterisk, boolean parquet,
                                double lateShare, double duplicateShare, double malformedShare) {
    public GeneratorSettings {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(period, "period");
        if (days <= 0 || days > period.lengthOfMonth()) {
            days = period.lengthOfMonth();
        }
        if (accounts < 1 || cdrs < 0) {
            throw new IllegalArgumentException("need at least one account and no negative number of CDRs");
        }
        for (double share : new double[] {lateShare, duplicateShare, malformedShare}) {
            if (share < 0 || share > 0.5) {
                throw new IllegalArgumentException("shares of late, duplicate and malformed records must be between 0 and 0.5");
            }
        }
    }
}
