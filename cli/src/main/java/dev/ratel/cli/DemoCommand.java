package dev.ratel.cli;

import dev.ratel.core.money.Money;
import dev.ratel.jobs.close.CloseMonth;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.run.BillRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel demo}: a generated month over every sample plan, end to end. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generate a month of reference data and CDRs for the sample plans, run the whole pipeline",
                "(ingest, rate, export, close the month) and show where the invoices are, with a table of totals.",
                "Needs nothing but the repository; starts afresh in DIR every time."},
        footerHeading = "%nExamples:%n", footer = {"  ratel demo                      # into ./ratel-demo",
                "  ratel demo --accounts 1000 --cdrs 2000000 --dir /tmp/demo"})
final class DemoCommand implements Callable<Integer> {
    private static final String MARKER = ".ratel-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = "ratel-demo", paramLabel = "DIR", description = "Where the demo works (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--tariffs", defaultValue = "samples/tariffs", paramLabel = "DIR", description = "Tariff directory (default: ${DEFAULT-VALUE}).")
    Path tariffs;

    @Option(names = "--accounts", defaultValue = "300", description = "Accounts over the sample plans (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--cdrs", defaultValue = "200000", description = "CDRs in the month (default: ${DEFAULT-VALUE}).")
    long cdrs;

    @Option(names = "--period", defaultValue = "2024-05", paramLabel = "YYYY-MM", description = "The month (default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @picocli.CommandLine.Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        YearMonth month = Setup.period(period, "--period");
        if (!Files.isDirectory(tariffs)) {
            throw new UsageProblem("no tariff directory " + tariffs + "; run the demo from the repository root or give --tariffs");
        }
        if (Files.exists(dir)) {
            if (!Files.exists(dir.resolve(MARKER))) {
                throw new UsageProblem(dir + " exists and is not a demo directory; give another --dir");
            }
            deleteTree(dir);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by ratel demo; deleted by the next one\n");
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        Path data = dir.resolve("data");
        Generator.Result generated = new Generator(new GeneratorSettings(data, accounts, cdrs, month, 0, seed, false, false,
                0.0, 0.005, 0.001)).generate();
        Setup setup = Setup.load(tariffs, data.resolve("reference"));
        Path output = dir.resolve("out");
        JobStoreMixin store = new JobStoreMixin();
        BillRun.Result result = RunCommand.run(spec, dir.resolve("home"), store, setup, List.of(data.resolve("cdr")), output, List.of(month),
                dev.ratel.jobs.close.DocumentKinds.monthEnd(true), null);
        if (json.json) {
            // the run's summary, as 'ratel run --json' prints it
            RunCommand.print(out, result, true);
            return ExitCodes.OK;
        }
        out.printf("generated %d accounts, %d numbers, %d CDRs for %s in %s%n", generated.accounts(), generated.numbers(),
                generated.cdrs(), month, data);
        RunCommand.print(out, result, false);
        for (CloseMonth.Result closed : result.closed()) {
            Path documents = closed.directory();
            out.println();
            out.printf("invoices:      %s (PDF per account), %s, %s%n", documents.resolve("invoices"),
                    documents.resolve("invoices.csv"), documents.resolve("invoice-lines.csv"));
            out.printf("acts:          %s (PDF and XLSX per account, with Appendix No. 1)%n", documents.resolve("acts"));
            out.printf("register:      %s%n", documents.resolve("invoice-register.xlsx"));
            out.printf("expired:       %s%n", documents.resolve("allowances-expired.csv"));
            out.printf("run summary:   %s%n", documents.resolve("run-summary.json"));
            out.printf("rated usage:   %s (Parquet)%n", output.resolve("rated"));
            out.println();
            printTotalsByPlan(out, documents.resolve("invoices.csv"), setup);
        }
        out.printf("%ndone in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }

    /** Invoices and gross totals per plan, read back from the period's invoices.csv. */
    private static void printTotalsByPlan(PrintWriter out, Path invoices, Setup setup) throws IOException {
        Map<String, long[]> byPlan = new TreeMap<>();
        Map<String, String> currencyOf = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(invoices)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                String plan = setup.reference().mainSubscription(row.get("account_id"),
                        java.time.YearMonth.parse(row.get("period")).atEndOfMonth()).planId();
                long[] sums = byPlan.computeIfAbsent(plan, k -> new long[2]);
                sums[0]++;
                sums[1] += Money.parseScaled(row.get("gross"));
                currencyOf.put(plan, row.get("currency"));
            }
        }
        out.printf("%-28s %8s %18s%n", "plan", "invoices", "gross");
        byPlan.forEach((plan, sums) -> out.printf("%-28s %8d %14s %s%n", plan, sums[0], Money.formatScaled(sums[1]),
                currencyOf.get(plan)));
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
