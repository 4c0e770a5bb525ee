package dev.ratel.cli;

import dev.ratel.core.money.Money;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel rate}: rate what the journal holds, exactly once. */
@Command(name = "rate", mixinStandardHelpOptions = true,
        description = "Rate the journal from where the last run stopped, exactly once, also after a kill.",
        footerHeading = "%nExamples:%n", footer = {"  ratel rate --home ratel-home --tariffs samples/tariffs --reference data/reference",
                "%nThe rating step on its own; 'ratel run' runs it inside the bill-run job with ingest, export and the month-end close."})
final class RateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads rating partitions of the accounts side by side; the result is the same for any N (default: one per core).")
    int threads;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Setup setup = configuration.load();
        if (!Files.isDirectory(dev.ratel.jobs.home.HomeLayout.journal(homeOption.home()))) {
            throw new UsageProblem("home " + homeOption.home() + " has no journal yet; run 'ratel ingest' first");
        }
        Progress progress = new Progress(spec.commandLine().getErr(), "rate");
        RateRun.Summary summary;
        try (JobStoreMixin.LockedHome home = jobStore.open(homeOption.home())) {
            var closed = new InvoiceStore(home.store().dataSource()).closedPeriodKeys();
            if (threads < 0) {
                throw new UsageProblem("--threads must be 1 or more");
            }
            int partitions = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            summary = new RateRun(homeOption.home(), setup.plans(), setup.reference(), setup.exchangeRates(), closed, partitions)
                    .run(progress::update);
        }
        progress.done(summary.records());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("read", summary.records());
            object.put("rated", summary.rated());
            object.put("rejected", summary.rejected());
            object.put("rejected_by_reason", summary.outcomes().entrySet().stream()
                    .filter(e -> e.getKey() != dev.ratel.jobs.rate.RecordRater.Outcome.RATED)
                    .collect(java.util.stream.Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue)));
            object.put("batches", summary.batches());
            object.put("resumed", summary.resumed());
            object.put("rejects_file", summary.rejectsFile() == null ? null : summary.rejectsFile().toString());
            out.println(JsonOption.write(object));
        } else {
            out.printf("read %d = rated %d + rejected %d  (%d batch(es)%s)%n", summary.records(), summary.rated(), summary.rejected(),
                    summary.batches(), summary.resumed() ? ", resumed after the last rated batch" : "");
            summary.outcomes().forEach((outcome, count) -> {
                if (outcome != dev.ratel.jobs.rate.RecordRater.Outcome.RATED) {
                    out.printf("  rejected %-18s %d%n", outcome, count);
                }
            });
            out.printf("charged beyond allowances: %s (in the plans' currencies, summed)%n", Money.formatScaled(summary.amountScaled()));
            if (summary.rejectsFile() != null) {
                out.printf("rejects: %s%n", summary.rejectsFile());
            }
        }
        return ExitCodes.OK;
    }
}
