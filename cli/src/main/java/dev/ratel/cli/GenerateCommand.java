package dev.ratel.cli;

import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel generate}: synthetic reference data and CDRs over the sample plans. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a month of synthetic reference data and CDRs over the sample plans; the same seed gives the same files.",
        footerHeading = "%nExamples:%n", footer = {
                "  ratel generate --out data --accounts 300 --cdrs 100000 --period 2024-05",
                "  ratel generate --out data --asterisk --late-share 0.01 --duplicate-share 0.005 --malformed-share 0.001"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write reference/ and cdr/ into.")
    Path out;

    @Option(names = "--accounts", defaultValue = "300", description = "Accounts over the sample plans (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--cdrs", defaultValue = "100000", description = "CDRs in total (default: ${DEFAULT-VALUE}).")
    long cdrs;

    @Option(names = "--period", defaultValue = "2024-05", paramLabel = "YYYY-MM", description = "The month of the usage (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--days", defaultValue = "0", description = "Usage on the month's first N days only (default: the whole month).")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--asterisk", description = "Write the Russian PBX accounts' calls as Asterisk Master.csv (with unanswered legs).")
    boolean asterisk;

    @Option(names = "--parquet", description = "Write the canonical CDRs as Parquet files instead of CSV.")
    boolean parquet;

    @Option(names = "--late-share", defaultValue = "0.01", description = "Share of CDRs delivered after the month (default: ${DEFAULT-VALUE}).")
    double lateShare;

    @Option(names = "--duplicate-share", defaultValue = "0.005", description = "Share of CDRs delivered twice (default: ${DEFAULT-VALUE}).")
    double duplicateShare;

    @Option(names = "--malformed-share", defaultValue = "0.001", description = "Share of lines written broken (default: ${DEFAULT-VALUE}).")
    double malformedShare;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() throws IOException {
        YearMonth month;
        try {
            month = YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw new UsageProblem("--period '" + period + "' is not YYYY-MM");
        }
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(out, accounts, cdrs, month, days, seed, asterisk, parquet, lateShare, duplicateShare, malformedShare);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        Generator.Result result = new Generator(settings).generate();
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("accounts", result.accounts(), "numbers", result.numbers(),
                "cdrs", result.cdrs(), "late", result.lateRecords(), "delivered_twice", result.duplicateLines(),
                "malformed", result.malformedLines(), "reference", out.resolve("reference").toString(),
                "cdr", out.resolve("cdr").toString(), "asterisk", asterisk ? out.resolve("asterisk").toString() : null))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().printf("%d accounts, %d numbers, %d CDRs (%d late, %d delivered twice, %d malformed) in %s%n",
                result.accounts(), result.numbers(), result.cdrs(), result.lateRecords(), result.duplicateLines(),
                result.malformedLines(), out);
        spec.commandLine().getOut().printf("reference data: %s%ncanonical CDRs: %s%n%s", out.resolve("reference"), out.resolve("cdr"),
                asterisk ? "Asterisk CDRs:  " + out.resolve("asterisk") + System.lineSeparator() : "");
        return ExitCodes.OK;
    }
}
