package dev.ratel.cli;

import dev.ratel.jobs.batch.JobStore;
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

    JobStore open(Path home) {
        try {
            return JobStore.open(home, url, user, password);
        } catch (IOException e) {
            throw new UsageProblem(e.getMessage());
        }
    }
}
