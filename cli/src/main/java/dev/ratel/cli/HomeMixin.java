package dev.ratel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --home} option every stateful subcommand takes: where journals, counters and reports live. There is no
 * default: a home guessed from the current directory would let a cron job started elsewhere bill a month again in a
 * new, empty home, restart invoice numbers and overwrite published files.
 */
final class HomeMixin {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${env:RATEL_HOME}",
            description = "Ratel's state directory: journals, counters, job repository, reports (env RATEL_HOME, or home= in the settings file; no default).")
    Path home;

    /** The home this command works in (created when missing). */
    Path home() {
        if (home == null || home.toString().isBlank()) {
            throw new UsageProblem("no home given: pass --home DIR, set RATEL_HOME, or put home=DIR in the settings file"
                    + " (RATEL_CONFIG or ~/.ratel.properties); Ratel never guesses its home from the current directory");
        }
        return home;
    }

    /** The home a read-only command looks into: it must exist, and is never created. */
    Path existing() {
        Path dir = home();
        if (!Files.isDirectory(dir)) {
            throw new UsageProblem("no Ratel home at " + dir + ": nothing has run there (check --home, RATEL_HOME or home= in the"
                    + " settings file); a read-only command never creates one");
        }
        return dir;
    }
}
