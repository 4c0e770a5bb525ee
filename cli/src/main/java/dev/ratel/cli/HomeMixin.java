package dev.ratel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home} option every stateful subcommand takes: where journals, counters and reports live. */
final class HomeMixin {
    @Option(names = "--home", paramLabel = "DIR", defaultValue = "ratel-home",
            description = "Ratel's state directory: journals, counters, reports (default: ${DEFAULT-VALUE}).")
    Path home;
}
