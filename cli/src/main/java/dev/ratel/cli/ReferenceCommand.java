package dev.ratel.cli;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.nio.file.Path;
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

        @Option(names = "--tariffs", defaultValue = "samples/tariffs", paramLabel = "DIR", description = "Tariff directory (default: ${DEFAULT-VALUE}).")
        Path tariffs;

        @Override
        public Integer call() {
            Map<String, TariffPlan> plans;
            try {
                // the directory's own tax rates when it has them: the tariffs' jurisdictions are checked against those
                plans = new TariffLoader(TaxRatesCsv.of(reference)).loadDirectory(tariffs);
            } catch (TariffValidationException | dev.ratel.formats.reference.ReferenceDataException e) {
                throw new UsageProblem(e.getMessage());
            }
            try {
                ReferenceData data = new ReferenceDataLoader(plans).load(reference);
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", true, "directory", reference.toString(),
                        "accounts", data.accounts().size(), "subscriptions", data.subscriptions().size(), "numbers", data.numberCount()))) {
                    return ExitCodes.OK;
                }
                spec.commandLine().getOut().printf("ok  %d accounts, %d subscriptions, %d numbers in %s%n", data.accounts().size(),
                        data.subscriptions().size(), data.numberCount(), reference);
                return ExitCodes.OK;
            } catch (ReferenceValidationException e) {
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", false, "directory", reference.toString(),
                        "problems", e.problems().stream().map(Object::toString).toList()))) {
                    return ExitCodes.BAD_CONFIGURATION;
                }
                e.problems().forEach(spec.commandLine().getErr()::println);
                spec.commandLine().getErr().printf("%d problem(s); nothing was loaded%n", e.problems().size());
                return ExitCodes.BAD_CONFIGURATION;
            }
        }
    }
}
