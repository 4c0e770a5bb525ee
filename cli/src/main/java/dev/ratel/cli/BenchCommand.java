package dev.ratel.cli;

import dev.ratel.jobs.bench.Bench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratel bench}: the end-to-end benchmark against a bare scan and the DuckDB SQL baseline. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generate a month of N calls over M numbers for a voice plan (once per size, kept in DIR), then time",
                "Ratel's ingest, rate and export against a bare scan of the same CSV (the floor) and against the same month",
                "rated by DuckDB SQL over the same calls in Parquet (the baseline), and check the totals per destination class",
                "equal. Exit 1 when they differ."},
        footerHeading = "%nExamples:%n",
        footer = {"  ratel bench --cdrs 5000000 --numbers 100000",
                "  RATEL_JAVA_OPTS=-Xmx512m ratel bench --cdrs 50000000 --numbers 100000 --json"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cdrs", defaultValue = "5000000", paramLabel = "N", description = "Calls in the month (default: ${DEFAULT-VALUE}).")
    long cdrs;

    @Option(names = "--numbers", defaultValue = "100000", paramLabel = "M", description = "Subscriber numbers (default: ${DEFAULT-VALUE}).")
    int numbers;

    @Option(names = "--dir", defaultValue = "ratel-bench", paramLabel = "DIR",
            description = "Work directory: the generated months, Ratel's home and outputs (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (cdrs < 1 || numbers < 1 || numbers > 10_000_000) {
            throw new UsageProblem("--cdrs must be 1 or more and --numbers between 1 and 10 000 000");
        }
        Bench.Report report = new Bench(dir).run(cdrs, numbers);
        if (!json.print(spec.commandLine().getOut(), report.json())) {
            report.print(spec.commandLine().getOut());
        }
        return report.totalsEqual() ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }
}
