package dev.ratel.cli;

import dev.ratel.jobs.close.CloseMonth;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.run.BillRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel run}: the nightly pipeline cron calls. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The nightly pipeline: ingest the CDR files, rate, export to Parquet, then close the period given",
                "with --period, or else every period with usage that ended before today and is still open."},
        footerHeading = "%nExamples:%n", footer = {
                "  ratel run --tariffs tariffs --reference reference --cdr /var/spool/cdr --out /srv/billing",
                "  ratel run --tariffs tariffs --reference reference --cdr may/ --out out --period 2024-05",
                "%nExit codes: 0 done, 1 failed (run it again: every stage resumes exactly once), 2 bad command line or",
                "  configuration, 3 done but the share of rejected records exceeded --max-reject-ratio."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--cdr", required = true, arity = "1..*", paramLabel = "PATH", description = "Canonical CDR files or directories (plain or gzip).")
    List<Path> cdr = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--period", paramLabel = "YYYY-MM", description = "Close this period after rating (repeatable).")
    List<String> periods = new ArrayList<>();

    @Option(names = "--max-reject-ratio", paramLabel = "RATIO", defaultValue = "1.0", description = "Exit 3 when more than this share of records is rejected (default: ${DEFAULT-VALUE}).")
    double maxRejectRatio;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Option(names = "--act-xlsx", description = "Also write each account's act as XLSX (acts/ACCOUNT.xlsx) when closing a period.")
    boolean actXlsx;

    @Option(names = "--out-of-order", paramLabel = "REASON",
            description = "Close the periods asked for although an earlier one with rated usage is still open; the reason is kept in the history.")
    String outOfOrder;

    @Override
    public Integer call() throws Exception {
        List<YearMonth> months = new ArrayList<>();
        for (String period : periods) {
            months.add(Setup.period(period, "--period"));
        }
        for (Path path : cdr) {
            if (!Files.exists(path)) {
                throw new UsageProblem("no such CDR file or directory: " + path);
            }
        }
        Setup.writableDirectory(homeOption.home(), "--home");
        Setup.writableDirectory(out, "--out");
        Setup setup = configuration.load();
        BillRun.Result result;
        try {
            result = run(spec, homeOption.home(), jobStore, setup, cdr, out, months, dev.ratel.jobs.close.DocumentKinds.monthEnd(actXlsx),
                    outOfOrder);
        } catch (CloseMonth.OutOfOrderException refused) {
            // what was ingested and rated is kept; only the close was refused, before it issued anything
            throw new UsageProblem(refused.getMessage());
        }
        print(spec.commandLine().getOut(), result, json);
        long read = result.ingested().read();
        long rejected = (long) result.counts().get("rejected");
        return ExitCodes.afterCloses(spec.commandLine().getErr(), result.closed(),
                read > 0 && (double) rejected / read > maxRejectRatio ? ExitCodes.TOO_MANY_REJECTS : ExitCodes.OK);
    }

    static BillRun.Result run(CommandSpec spec, Path home, JobStoreMixin jobStore, Setup setup, List<Path> cdr, Path out,
                              List<YearMonth> months, dev.ratel.jobs.close.DocumentKinds documents, String outOfOrder) throws Exception {
        try (JobStoreMixin.LockedHome locked = jobStore.open(home)) {
            BillRun run = new BillRun(locked.store(), IngestSettings.defaults(home, CdrFormat.CANONICAL, null), setup.plans(),
                    setup.reference(), setup.exchangeRates(), setup.taxes(), out, Clock.systemUTC());
            // one progress display per stage; a stage's display ends when the next begins
            try (Progress.Stages stages = new Progress.Stages(spec.commandLine().getErr())) {
                return run.documents(documents).outOfOrder(outOfOrder).run(cdr, months, stages::stage);
            }
        }
    }

    static void print(PrintWriter out, BillRun.Result result, boolean json) throws Exception {
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>(result.counts());
            object.put("accepted", result.ingested().accepted());
            object.put("exported", result.exported().rows());
            object.put("closed", result.closed().stream().map(CloseMonth.Result::period).toList());
            out.println(JsonOption.write(object));
            return;
        }
        Map<String, Object> counts = result.counts();
        out.printf("read %d = rated %d + rejected %d + duplicates %d%n", counts.get("read"), counts.get("rated"),
                counts.get("rejected"), counts.get("duplicates"));
        out.printf("  ingest: accepted %d, rejected %d (%s); rate: rejected %d (%s)%n", result.ingested().accepted(),
                result.ingested().rejected(), result.ingested().rejectsFile(), result.rated().rejected(),
                result.rated().rejectsFile() == null ? "none" : result.rated().rejectsFile());
        out.printf("  exported %d rated record(s) to Parquet%n", result.exported().rows());
        CloseMonthCommand.print(out, result.closed(), false);
        out.printf("credit control: %s%n", result.creditControl());
    }
}
