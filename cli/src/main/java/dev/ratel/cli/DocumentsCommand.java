package dev.ratel.cli;

import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.close.PeriodDocuments;
import dev.ratel.jobs.documents.AtomicFile;
import dev.ratel.jobs.documents.InvoiceRegister;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel acts} and {@code ratel register}: the finance documents of closed periods. */
final class DocumentsCommand {
    private DocumentsCommand() {
    }

    @Command(name = "acts", mixinStandardHelpOptions = true,
            description = {"Render the acts of completed work with Appendix No. 1 of a closed period again into OUT/YYYY-MM/acts/:",
                    "the PDFs (the close renders them too) and, with --xlsx, each act as a workbook."},
            footerHeading = "%nExamples:%n", footer = {"  ratel acts --period 2024-05 --tariffs samples/tariffs --reference data/reference --out out"})
    static final class Acts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HomeMixin homeOption;

        @Mixin
        JobStoreMixin jobStore;

        @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "A closed period.")
        String period;

        @Mixin
        ConfigurationMixin configuration;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory the period was closed into.")
        Path out;

        @Option(names = "--xlsx", description = "Also write each act as XLSX (acts/ACCOUNT.xlsx).")
        boolean xlsx;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws Exception {
            YearMonth month = Setup.period(period, "--period");
            Setup.writableDirectory(out, "--out");
            Setup setup = configuration.load();
            int acts;
            try (JobStoreMixin.LockedHome home = jobStore.open(homeOption.home());
                 Progress.Stages stages = new Progress.Stages(spec.commandLine().getErr())) {
                acts = new PeriodDocuments(home.store(), homeOption.home(), out, setup.plans(), setup.reference(), Clock.systemUTC())
                        .progress(stages::stage).run(month, xlsx);
            } catch (IllegalStateException e) {
                throw new UsageProblem(e.getMessage());
            }
            if (json.print(spec.commandLine().getOut(), JsonOption.summary("period", month.toString(), "acts", acts,
                    "directory", out.resolve(month.toString()).resolve("acts").toString()))) {
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().printf("%d act(s) with Appendix No. 1 (PDF%s) in %s%n", acts, xlsx ? " and XLSX" : "", out.resolve(month.toString()).resolve("acts"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Write the invoice register (реестр счетов-фактур) of a range of closed months as XLSX.",
            footerHeading = "%nExamples:%n", footer = {"  ratel register --from 2024-01 --to 2024-06 --reference data/reference --out register-2024-h1.xlsx"})
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HomeMixin homeOption;

        @Mixin
        JobStoreMixin jobStore;

        @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "YYYY-MM", description = "Last month.")
        String to;

        @Mixin
        ConfigurationMixin configuration;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The XLSX file to write.")
        Path out;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws Exception {
            YearMonth first = Setup.period(from, "--from");
            YearMonth last = Setup.period(to, "--to");
            if (last.isBefore(first)) {
                throw new UsageProblem("--to " + last + " is before --from " + first);
            }
            Setup setup = configuration.load();
            List<Invoice> invoices = new ArrayList<>();
            try (dev.ratel.jobs.batch.JobStore readStore = jobStore.openReadOnly(homeOption)) {
                InvoiceStore store = readStore == null ? null : new InvoiceStore(readStore.dataSource());
                for (YearMonth month = first; store != null && !month.isAfter(last); month = month.plusMonths(1)) {
                    invoices.addAll(store.invoices(month.toString()));
                }
            }
            String title = "за " + first + (first.equals(last) ? "" : " – " + last);
            AtomicFile.write(out, stream -> InvoiceRegister.write(title, invoices, setup.reference(), stream));
            if (json.print(spec.commandLine().getOut(), JsonOption.summary("from", first.toString(), "to", last.toString(),
                    "invoices", invoices.size(), "file", out.toString()))) {
                return ExitCodes.OK;
            }
            spec.commandLine().getOut().printf("%d invoice(s) of %s..%s in %s%n", invoices.size(), first, last, out);
            return ExitCodes.OK;
        }
    }
}
