package dev.ratel.cli;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.documents.AtomicFile;
import dev.ratel.jobs.documents.CallDetail;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel detail}: call detail of one number over the last 90 days at most. */
@Command(name = "detail", mixinStandardHelpOptions = true,
        description = {"Write the call detail (детализация) of one number as PDF or XLSX: every rated record with time, direction,",
                "other party, class, volume, allowance used and price. Any period within the last 90 days, counting today."},
        footerHeading = "%nExamples:%n", footer = {"  ratel detail --number 77051110001 --from 2026-10-01 --to 2026-10-31 --format pdf --out detail.pdf \\",
                "               --tariffs samples/tariffs --reference data/reference --usage out",
                "%nAn older period is refused with exit code 2."})
final class DetailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--number", required = true, paramLabel = "N", description = "The number, digits in international form.")
    String number;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "Last day.")
    String to;

    @Option(names = "--format", defaultValue = "pdf", paramLabel = "pdf|xlsx", description = "pdf or xlsx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
    Path out;

    @Option(names = "--usage", required = true, paramLabel = "DIR", description = "The output directory holding rated/ (the --out of 'ratel run').")
    Path usage;

    @Mixin
    ConfigurationMixin configuration;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        CallDetail.Format kind;
        try {
            kind = CallDetail.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--format '" + format + "' is not pdf or xlsx");
        }
        LocalDate first;
        LocalDate last;
        try {
            first = LocalDate.parse(from);
            last = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            throw new UsageProblem("--from and --to are dates YYYY-MM-DD: " + e.getParsedString());
        }
        Setup setup = configuration.load();
        dev.ratel.core.charge.NumberHolding holding = setup.reference().holdingOn(number, last);
        if (holding == null) {
            holding = setup.reference().latestHolding(number);
        }
        if (holding == null) {
            throw new UsageProblem("number " + number + " is in no account of " + configuration.reference.resolve("numbers.csv"));
        }
        TariffPlan plan = setup.plans().get(setup.reference().subscription(holding.subscriptionId()).planId());
        try {
            CallDetail.checkPeriod(first, last, LocalDate.now(plan.zone()));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        dev.ratel.core.account.Account holder = setup.reference().account(holding.accountId());
        long[] records = new long[1];
        AtomicFile.write(out, stream -> records[0] = CallDetail.write(usage.toAbsolutePath().toUri().toString(), number, holder, first, last, plan,
                kind, stream));
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("number", number, "from", first.toString(), "to", last.toString(),
                "records", records[0], "file", out.toString()))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().printf("%d record(s) of %s from %s to %s in %s%n", records[0], number, first, last, out);
        return ExitCodes.OK;
    }
}
