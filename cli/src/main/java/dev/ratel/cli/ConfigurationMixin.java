package dev.ratel.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The tariffs and the reference data a job reads, checked in full before any work ({@link Setup}). */
final class ConfigurationMixin {
    @Option(names = "--tariffs", required = true, paramLabel = "DIR", description = "Tariff directory.")
    Path tariffs;

    @Option(names = "--reference", required = true, paramLabel = "DIR",
            description = "Reference data directory: accounts.csv, numbers.csv, and optionally number-status.csv, account-options.csv, "
                    + "payments.csv, exchange-rates.csv.")
    Path reference;

    Setup load() throws java.io.IOException {
        return Setup.load(tariffs, reference);
    }
}
