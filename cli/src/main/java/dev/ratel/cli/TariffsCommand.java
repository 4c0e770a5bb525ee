package dev.ratel.cli;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffProblem;
import dev.ratel.formats.tariff.TariffValidationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel tariffs ...}: work with tariff files. */
@Command(name = "tariffs", mixinStandardHelpOptions = true, description = "Check tariff files.",
        subcommands = TariffsCommand.Validate.class)
final class TariffsCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every tariff file of a directory; exit 2 with file:line messages if any is broken.",
            footerHeading = "%nExamples:%n", footer = {"  ratel tariffs validate samples/tariffs"})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..1", description = "Directory of tariff files (*.yaml); else --tariffs.")
        Path positional;

        @picocli.CommandLine.Option(names = "--tariffs", paramLabel = "DIR",
                description = "The directory as every other command takes it, and as tariffs= in the settings file gives it.")
        Path option;

        @picocli.CommandLine.Mixin
        JsonOption json;

        @Override
        public Integer call() {
            Path directory = positional != null ? positional : option;
            if (directory == null) {
                throw new UsageProblem("name the tariff directory: ratel tariffs validate DIR, --tariffs DIR, or tariffs=DIR in the settings file");
            }
            try {
                Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(directory);
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", true, "directory", directory.toString(),
                        "plans", plans.values().stream().map(plan -> JsonOption.summary("id", plan.id(), "name", plan.name(),
                                "versions", plan.versions().size(), "currency", plan.currency().name())).toList()))) {
                    return ExitCodes.OK;
                }
                for (TariffPlan plan : plans.values()) {
                    spec.commandLine().getOut().printf("ok  %-28s %s, %d version(s), %s%n", plan.id(), plan.name(),
                            plan.versions().size(), plan.currency());
                }
                spec.commandLine().getOut().printf("%d plan(s) valid in %s%n", plans.size(), directory);
                return ExitCodes.OK;
            } catch (TariffValidationException e) {
                if (json.print(spec.commandLine().getOut(), JsonOption.summary("valid", false, "directory", directory.toString(),
                        "problems", e.problems().stream().map(TariffProblem::toString).toList()))) {
                    return ExitCodes.BAD_CONFIGURATION;
                }
                for (TariffProblem problem : e.problems()) {
                    spec.commandLine().getErr().println(problem);
                }
                spec.commandLine().getErr().printf("%d problem(s); nothing was loaded%n", e.problems().size());
                return ExitCodes.BAD_CONFIGURATION;
            }
        }
    }
}
