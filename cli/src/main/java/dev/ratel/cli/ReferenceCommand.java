package dev.ratel.cli;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataException;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel reference ...}: work with reference data. */
@Command(name = "reference", mixinStandardHelpOptions = true, description = "Check reference data.",
        subcommands = ReferenceCommand.Validate.class)
final class ReferenceCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a reference-data directory against the tariffs; exit 2 with file:line messages if anything is wrong.",
            footerHeading = "%nExamples:%n", footer = {"  ratel reference validate --reference data/reference --tariffs samples/tariffs"})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--reference", required = true, paramLabel = "DIR", description = "Reference data directory.")
        Path reference;

        @picocli.CommandLine.Mixin
        JsonOption json;

        @Option(names = "--tariffs", required = true, paramLabel = "DIR", description = "Tariff directory (or tariffs= in the settings file).")
        Path tariffs;

        @Override
        public Integer call() {
            Map<String, TariffPlan> plans;
            try {
                // the directory's own tax rates when it has them: the tariffs' jurisdictions are checked against those
                plans = new TariffLoader(TaxRatesCsv.of(reference)).loadDirectory(tariffs);
            } catch (TariffValidationException | ReferenceDataException e) {
                throw new UsageProblem(e.getMessage());
            }
            ReferenceData data = null;
            List<String> problems = new ArrayList<>();
            try {
                data = new ReferenceDataLoader(plans).load(reference);
            } catch (ReferenceValidationException e) {
                e.problems().forEach(problem -> problems.add(problem.toString()));
            }
            // the jobs read exchange-rates.csv too (Setup): what they would refuse, validation refuses
            Path rates = reference.resolve("exchange-rates.csv");
            if (Files.exists(rates)) {
                try {
                    ExchangeRatesCsv.read(rates);
                } catch (ReferenceDataException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", false, "directory", reference.toString(),
                        "problems", problems))) {
                    return ExitCodes.BAD_CONFIGURATION;
                }
                problems.forEach(spec.commandLine().getErr()::println);
                spec.commandLine().getErr().printf("%d problem(s); nothing was loaded%n", problems.size());
                return ExitCodes.BAD_CONFIGURATION;
            }
            if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", true, "directory", reference.toString(),
                    "accounts", data.accounts().size(), "subscriptions", data.subscriptions().size(), "numbers", data.numberCount()))) {
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().printf("ok  %d accounts, %d subscriptions, %d numbers in %s%n", data.accounts().size(),
                    data.subscriptions().size(), data.numberCount(), reference);
            return ExitCodes.OK;
        }
    }
}
