package dev.ratel.cli;

import dev.ratel.core.account.Account;
import dev.ratel.core.money.Money;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.documents.AtomicFile;
import dev.ratel.jobs.documents.ReconciliationAct;
import dev.ratel.jobs.ledger.AccountLedger;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel reconcile}: the reconciliation act of one account, PDF and XLSX. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Write the reconciliation act (акт сверки) of one account over at most 12 months as PDF and XLSX:",
                "opening balance, invoices as debits, payments as credits, turnovers, closing balance, for both parties."},
        footerHeading = "%nExamples:%n", footer = {"  ratel reconcile --account A000001 --from 2024-01 --to 2024-12 --tariffs samples/tariffs --reference data/reference --out out",
                "%nA period longer than 12 months, or reaching back more than 12 months from the current month, is refused with exit code 2."})
final class ReconcileCommand implements Callable<Integer>, RatelCommand.ClockAware {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Option(names = "--account", required = true, paramLabel = "ID", description = "The account.")
    String account;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM", description = "Last month (at most 12 months in all).")
    String to;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write reconciliation/ACCOUNT-FROM-TO.pdf and .xlsx.")
    Path out;

    @Mixin
    JsonOption json;

    /** What "today" is: the twelve months of the act are counted back from it. */
    private java.time.Clock clock = java.time.Clock.systemDefaultZone();

    @Override
    public void useClock(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        YearMonth first = Setup.period(from, "--from");
        YearMonth last = Setup.period(to, "--to");
        Setup setup = configuration.load();
        Account customer = setup.reference().accounts().get(account);
        if (customer == null) {
            throw new UsageProblem("no account '" + account + "' in " + configuration.reference.resolve("accounts.csv"));
        }
        ReconciliationAct act;
        try {
            AccountLedger ledger = new dev.ratel.jobs.ledger.AdvanceBilling(setup.reference(), setup.plans(), setup.taxes()).ledger(account,
                    jobStore.issuedUpTo(homeOption, last.atEndOfMonth(), account), last.atEndOfMonth());
            dev.ratel.core.account.Subscription main = setup.reference().mainSubscription(account, last.atEndOfMonth());
            if (main == null) {
                throw new UsageProblem("account " + account + " holds no plan: it has no seller or currency to reconcile in");
            }
            act = ReconciliationAct.of(ledger, customer, setup.plans().get(main.planId()), first, last, LocalDate.now(clock));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        Path directory = Files.createDirectories(out.resolve("reconciliation"));
        String name = dev.ratel.jobs.close.PeriodOutputs.safeFileName(account) + "-" + first + "-" + last;
        AtomicFile.write(directory.resolve(name + ".pdf"), act::writePdf);
        AtomicFile.write(directory.resolve(name + ".xlsx"), act::writeXlsx);
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("account", account, "from", first.toString(), "to", last.toString(),
                "currency", act.plan().currency().name(), "opening_debt", Money.formatMinor(act.openingDebt()),
                "invoiced", Money.formatMinor(act.debitTurnover()), "paid", Money.formatMinor(act.creditTurnover()),
                "closing_debt", Money.formatMinor(act.closingDebt()), "pdf", directory.resolve(name + ".pdf").toString(),
                "xlsx", directory.resolve(name + ".xlsx").toString()))) {
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().printf("%s: opening %s, invoiced %s, paid %s, closing %s (what the customer owes; negative = paid ahead) -> %s.pdf/.xlsx%n",
                act.title(), Money.formatMinor(act.openingDebt()), Money.formatMinor(act.debitTurnover()), Money.formatMinor(act.creditTurnover()),
                Money.formatMinor(act.closingDebt()), directory.resolve(name));
        return ExitCodes.OK;
    }
}
