package dev.ratel.cli;

import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel export}: rated usage to Parquet. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export rated usage not exported before to Parquet under OUT/rated/period=YYYY-MM/day=DD/.",
        footerHeading = "%nExamples:%n", footer = {"  ratel export --home ratel-home --tariffs samples/tariffs --out out",
                "  ratel export --tariffs tariffs --out hdfs://namenode/billing"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Option(names = "--tariffs", required = true, paramLabel = "DIR", description = "Tariff directory (for the plans' time zones).")
    Path tariffs;

    @Option(names = "--out", required = true, paramLabel = "DIR|URI", description = "Output root: a local directory, or an hdfs:// or s3a:// URI.")
    String out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws IOException {
        if (!out.contains(":/")) {
            Setup.writableDirectory(Path.of(out), "--out");
        }
        Map<String, TariffPlan> plans;
        try {
            plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(tariffs);
        } catch (TariffValidationException e) {
            throw new UsageProblem(e.getMessage());
        }
        if (!Files.isDirectory(dev.ratel.jobs.home.HomeLayout.rated(homeOption.home()))) {
            throw new UsageProblem("home " + homeOption.home() + " has nothing rated yet; run 'ratel rate' first");
        }
        String root = out.contains("://") ? out : Path.of(out).toAbsolutePath().toUri().toString();
        Export.Summary summary;
        try {
            summary = new Export(homeOption.home(), root, plans).run();
        } catch (HomeLock.HomeLockedException e) {
            throw new UsageProblem(e.getMessage());
        }
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("rows", summary.rows(), "batches", summary.batches(),
                "files", summary.files(), "out", out, "amount", Money.formatScaled(summary.amountScaled())))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().printf("exported %d rated record(s) of %d batch(es) into %d file(s) under %s/rated; amount %s%n",
                summary.rows(), summary.batches(), summary.files(), out, Money.formatScaled(summary.amountScaled()));
        return ExitCodes.OK;
    }
}
