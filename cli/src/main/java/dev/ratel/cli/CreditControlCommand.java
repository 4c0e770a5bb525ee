package dev.ratel.cli;

import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.ledger.CreditControl;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel credit-control}: numbers to block for debt, and to unblock once it is paid. */
@Command(name = "credit-control", mixinStandardHelpOptions = true,
        description = {"Find the accounts in debt on a day (advance accounts below zero, credit accounts with an invoice unpaid",
                "past its due date) and write the status changes of their numbers, BLOCKED_DEBT, or ACTIVE once the debt",
                "is paid, to OUT/credit-control-DATE.csv in the layout of number-status.csv (number, status, from, ...)."},
        footerHeading = "%nExamples:%n", footer = {"  ratel credit-control --at 2024-07-01 --tariffs samples/tariffs --reference data/reference --out out"})
final class CreditControlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Option(names = "--at", paramLabel = "YYYY-MM-DD", description = "The day (default: today, UTC).")
    String at;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        LocalDate day;
        try {
            day = at == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(at);
        } catch (DateTimeParseException e) {
            throw new UsageProblem("--at '" + at + "' is not a date YYYY-MM-DD");
        }
        Setup setup = configuration.load();
        List<CreditControl.Change> changes;
        changes = CreditControl.assess(day, setup.reference(), setup.plans(), setup.taxes(), jobStore.issuedUpTo(homeOption, day, null));
        Path file = CreditControl.write(out, day, changes);
        long blocked = changes.stream().filter(c -> c.status() == dev.ratel.core.charge.NumberStatus.BLOCKED_DEBT).count();
        long accounts = changes.stream().filter(c -> c.status() == dev.ratel.core.charge.NumberStatus.BLOCKED_DEBT)
                .map(CreditControl.Change::accountId).distinct().count();
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("day", day.toString(), "to_block", blocked,
                "accounts_to_block", accounts, "to_unblock", changes.size() - blocked, "file", file.toString()))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().printf("on %s: %d number(s) of %d account(s) to block for debt, %d to unblock; %s%n", day, blocked,
                accounts, changes.size() - blocked, file);
        return ExitCodes.OK;
    }
}
