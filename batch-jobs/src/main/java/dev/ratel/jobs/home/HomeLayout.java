package dev.ratel.jobs.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where everything a Ratel home keeps lives, and the home's format version. Each path has one owner:
 *
 * <pre>
 * HOME/format                         "ratel-home 2": the layout of everything below (this class)
 * HOME/ratel.lock                     one run at a time ({@link HomeLock})
 * HOME/journal/                       the usage journal (formats' UsageJournal, JournalLayout)
 * HOME/seen/                          the duplicate index (formats' SeenRecords)
 * HOME/rated/                         the rated journal (formats' RatedJournal, RatedBatchEncoder, RatedBatch)
 * HOME/ids/subscriptions.ids         durable codes of subscriptions (formats' IdDictionary)
 * HOME/ids/holdings.ids              durable codes of numbers on subscriptions (formats' HoldingDictionary)
 * HOME/ids/buckets.ids               durable codes of plans' allowances (formats' IdDictionary)
 * HOME/counters/                      allowance counters (rating-core's MappedCounterStore), rebuilt from HOME/rated
 * HOME/export/exported                the last rated excerpt exported to Parquet (Export)
 * HOME/export/compacting              a day's Parquet files being replaced by one (CompactionIntent)
 * HOME/periods/YYYY-MM/               what a close keeps of a period (AllowanceExpiry)
 * HOME/reports/                       rejects of ingest and rating (ReportFiles, RatingRejects)
 * HOME/jobs/                          the H2 job repository, unless --jdbc-url names another (JobStore)
 * </pre>
 *
 * <p>Format 2 keys allowance counters by identity (subscriptions, numbers on subscriptions, plans'
 * allowances by id). Format 1, the homes of earlier Ratel releases, had no {@code format} file and kept
 * counters by list positions (an account's place in accounts.csv, an allowance's in its plan version);
 * they cannot be carried over safely and such a home is refused with what to do. A home that holds
 * only ingested usage, nothing rated, is taken as it is.
 */
public final class HomeLayout {
    /** The format this Ratel writes and reads. */
    public static final int FORMAT = 2;
    private static final String FORMAT_PREFIX = "ratel-home ";

    private HomeLayout() {
    }

    public static Path format(Path home) {
        return home.resolve("format");
    }

    public static Path lock(Path home) {
        return home.resolve("ratel.lock");
    }

    public static Path journal(Path home) {
        return home.resolve("journal");
    }

    public static Path seen(Path home) {
        return home.resolve("seen");
    }

    public static Path rated(Path home) {
        return home.resolve("rated");
    }

    public static Path ids(Path home) {
        return home.resolve("ids");
    }

    public static Path counters(Path home) {
        return home.resolve("counters");
    }

    public static Path exportCheckpoint(Path home) {
        return home.resolve("export").resolve("exported");
    }

    public static Path exportCompaction(Path home) {
        return home.resolve("export").resolve("compacting");
    }

    public static Path period(Path home, String period) {
        return home.resolve("periods").resolve(period);
    }

    public static Path reports(Path home) {
        return home.resolve("reports");
    }

    public static Path jobs(Path home) {
        return home.resolve("jobs");
    }

    /**
     * Checks the home's format, stamping a new (or ingest-only) home with this one.
     *
     * @throws HomeFormatException when the home is of another format
     */
    public static void checkFormat(Path home) throws IOException {
        Path file = format(home);
        if (!Files.exists(file)) {
            if (Files.exists(rated(home)) || Files.exists(counters(home))) {
                throw new HomeFormatException("home " + home + " was written by an earlier Ratel (home format 1), which kept allowance"
                        + " counters by the position of an account in accounts.csv and of an allowance in its plan version; they"
                        + " cannot be carried over safely. Close its open months with the Ratel that wrote it, then start a new home"
                        + " (--home NEW) for the next month; its issued invoices and invoice numbers stay in the job repository:"
                        + " give it to the new home with --jdbc-url \"jdbc:h2:file:" + jobs(home).toAbsolutePath().resolve("repository") + "\"");
            }
            Files.createDirectories(home);
            Path temporary = home.resolve("format.tmp");
            Files.writeString(temporary, FORMAT_PREFIX + FORMAT + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        int format;
        try {
            format = text.startsWith(FORMAT_PREFIX) ? Integer.parseInt(text.substring(FORMAT_PREFIX.length()).trim()) : -1;
        } catch (NumberFormatException e) {
            format = -1;
        }
        if (format < 0) {
            throw new HomeFormatException(file + " says '" + text + "', not a Ratel home format; is " + home + " a Ratel home?");
        }
        if (format != FORMAT) {
            throw new HomeFormatException("home " + home + " is of format " + format + "; this Ratel reads format " + FORMAT
                    + (format > FORMAT ? ": use the newer Ratel that wrote it" : ": use the Ratel that wrote it"));
        }
    }
}
