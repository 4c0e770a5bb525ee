package dev.ratel.cli;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.ReferenceValidationException;
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
                plans = new TariffLoader(TaxTable.standard()).loadDirectory(tariffs);
            } catch (TariffValidationException e) {
                throw new UsageProblem(e.getMessage());
            }
            try {
                ReferenceData data = new ReferenceDataLoader(plans).load(reference);
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", true, "directory", reference.toString(),
                        "accounts", data.accounts().size(), "numbers", data.numberCount()))) {
                    return ExitCodes.OK;
                }
                spec.commandLine().getOut().printf("ok  %d accounts, %d numbers in %s%n", data.accounts().size(), data.numberCount(), reference);
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
