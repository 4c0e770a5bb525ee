package dev.ratel.cli;

import dev.ratel.jobs.close.CloseMonth;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel close-month}: expiry, charges, invoices and their files for one period. */
@Command(name = "close-month", mixinStandardHelpOptions = true,
        description = {"Close a period: export what is rated, expire the allowances, issue every account's invoice",
                "(gapless numbers per series and year) and write the period's files under OUT/YYYY-MM/: the CSVs, the invoice register,",
                "each account's invoice and act of completed work as PDF, and run-summary.json with every step's time.",
                "Closing a closed period again writes the same files from the issued invoices and changes none."},
        footerHeading = "%nExamples:%n", footer = {"  ratel close-month --period 2024-05 --tariffs samples/tariffs --reference data/reference --out out",
                "%nExit codes: 0 closed, 1 failed (run it again to resume), 2 bad command line or configuration."})
final class CloseMonthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "The period to close.")
    String period;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory: rated/ Parquet and YYYY-MM/ documents.")
    Path out;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--out-of-order", paramLabel = "REASON",
            description = "Close the period although an earlier one with rated usage is still open; the reason is kept in the history.")
    String outOfOrder;

    @Option(names = "--act-xlsx", description = "Also write each account's act as XLSX (acts/ACCOUNT.xlsx); 'ratel acts --xlsx' does it later.")
    boolean actXlsx;

    @Override
    public Integer call() throws Exception {
        var month = Setup.period(period, "--period");
        Setup.writableDirectory(homeOption.home(), "--home");
        Setup.writableDirectory(out, "--out");
        Setup setup = configuration.load();
        CloseMonth.Result result;
        try (JobStoreMixin.LockedHome home = jobStore.open(homeOption.home());
             Progress.Stages stages = new Progress.Stages(spec.commandLine().getErr())) {
            result = new CloseMonth(home.store(), homeOption.home(), out, setup.plans(), setup.reference(), setup.taxes(),
                    Clock.systemUTC(), Map.of()).outOfOrder(outOfOrder).documents(dev.ratel.jobs.close.DocumentKinds.monthEnd(actXlsx))
                    .progress(stages::stage).run(month);
        } catch (CloseMonth.OutOfOrderException refused) {
            throw new UsageProblem(refused.getMessage());
        }
        print(spec.commandLine().getOut(), List.of(result), json);
        return ExitCodes.afterCloses(spec.commandLine().getErr(), List.of(result), ExitCodes.OK);
    }

    static void print(PrintWriter out, List<CloseMonth.Result> results, boolean json) throws Exception {
        if (json) {
            List<Map<String, Object>> objects = new java.util.ArrayList<>();
            for (CloseMonth.Result result : results) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("period", result.period());
                object.put("already_closed", result.alreadyClosed());
                object.put("invoices", result.invoices());
                object.put("held_accounts", result.held().size());
                object.put("usage_records", result.usageRecords());
                object.put("allowances_expired", result.expiredAllowances());
                object.put("totals", result.totals());
                object.put("directory", result.directory().toString());
                objects.add(object);
            }
            out.println(JsonOption.write(results.size() == 1 ? objects.get(0) : objects));
            return;
        }
        for (CloseMonth.Result result : results) {
            out.printf("%s %s: %d invoice(s) over %d rated record(s); %d allowance(s) expired; %sfiles in %s%n", result.period(),
                    result.alreadyClosed() ? "was closed already, files written again" : "closed", result.invoices(),
                    result.usageRecords(), result.expiredAllowances(),
                    result.held().isEmpty() ? "" : result.held().size() + " account(s) held; ", result.directory());
            result.totals().forEach((currency, sums) -> out.printf("  %s  net %15s  tax %14s  gross %15s%n", currency,
                    sums.get("net"), sums.get("tax"), sums.get("gross")));
        }
    }
}
