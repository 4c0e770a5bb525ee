package dev.ratel.cli;

import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the job repository lives: an H2 file under the home by default, or a database by JDBC URL
 * (set once for cron through {@code RATEL_JDBC_URL}, {@code RATEL_JDBC_USER}, {@code RATEL_JDBC_PASSWORD}).
 */
final class JobStoreMixin {
    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:RATEL_JDBC_URL}",
            description = "Job repository database, e.g. jdbc:postgresql://db/ratel (default: H2 under the home; env RATEL_JDBC_URL).")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER", defaultValue = "${env:RATEL_JDBC_USER}",
            description = "Database user (env RATEL_JDBC_USER).")
    String user;

    @Option(names = "--jdbc-password", paramLabel = "PASSWORD", defaultValue = "${env:RATEL_JDBC_PASSWORD}",
            description = "Database password (env RATEL_JDBC_PASSWORD).")
    String password;

    /** The home, locked against other runs, and its job store. */
    record LockedHome(HomeLock lock, JobStore store) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                store.close();
            } finally {
                lock.close();
            }
        }
    }

    /**
     * Locks the home first, then opens the job store, so a second run on the same home gets a clear
     * message rather than the database's own lock error.
     */
    LockedHome open(Path home) {
        HomeLock lock;
        try {
            lock = HomeLock.acquire(home);
        } catch (IOException e) {
            throw new UsageProblem(e.getMessage());
        }
        try {
            return new LockedHome(lock, JobStore.open(home, url, user, password));
        } catch (IOException e) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the process exits with the message below; the operating system drops the lock
            }
            throw new UsageProblem(e.getMessage());
        }
    }

    /**
     * The job store to read from, opened without the home's lock (a run may hold it) and without creating anything;
     * null when nothing has run there yet.
     */
    JobStore openReadOnly(HomeMixin homeOption) {
        boolean h2 = url == null || url.isBlank();
        Path home = h2 ? homeOption.existing() : homeOption.home();
        try {
            return JobStore.openReadOnly(home, url, user, password);
        } catch (IOException e) {
            throw new UsageProblem(e.getMessage());
        }
    }

    /**
     * The issued invoices a report reads ({@link dev.ratel.jobs.close.InvoiceStore#issuedUpTo}), without the home's lock;
     * none when nothing has run in the home yet.
     */
    java.util.List<dev.ratel.jobs.close.InvoiceStore.Issued> issuedUpTo(HomeMixin homeOption, java.time.LocalDate day, String account) {
        try (JobStore store = openReadOnly(homeOption)) {
            return store == null ? java.util.List.of() : new dev.ratel.jobs.close.InvoiceStore(store.dataSource()).issuedUpTo(day, account);
        }
    }
}
