package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.documents.Act;
import dev.ratel.jobs.documents.ActPdf;
import dev.ratel.jobs.documents.ActXlsx;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The finance documents of a closed period as the {@code period-documents} job: per account the act
 * of completed work with Appendix No. 1, as {@code acts/ACCOUNT.pdf} and {@code acts/ACCOUNT.xlsx},
 * from the issued invoices, the period's rated usage per number and its expired allowances. Rendered
 * on every core; each file published by rename. Running it again renders the same documents.
 */
public final class PeriodDocuments {
    private final JobStore store;
    private final Path home;
    private final Path out;
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final Clock clock;

    public PeriodDocuments(JobStore store, Path home, Path out, Map<String, TariffPlan> plans, ReferenceData reference, Clock clock) {
        this.store = store;
        this.home = home;
        this.out = out;
        this.plans = plans;
        this.reference = reference;
        this.clock = clock;
    }

    /** Renders the acts of {@code period}; returns how many accounts got one. */
    public int run(YearMonth period) throws Exception {
        try (HomeLock lock = HomeLock.acquire(home)) {
            InvoiceStore invoices = new InvoiceStore(store.dataSource());
            if (!invoices.isClosed(period.toString())) {
                throw new IllegalStateException("period " + period + " is not closed yet; run 'ratel close-month --period " + period + "' first");
            }
            int[] rendered = new int[1];
            var step = new StepBuilder("acts", store.repository()).tasklet((contribution, context) -> {
                List<Invoice> issued = invoices.invoices(period.toString());
                PeriodUsage usage = PeriodUsage.read(out.toAbsolutePath().toUri().toString(), period.toString(), plans);
                Map<String, List<AllowanceExpiry.Expired>> expired = new java.util.HashMap<>();
                Path expiry = AllowanceExpiry.file(home, period.toString());
                if (Files.exists(expiry)) {
                    for (AllowanceExpiry.Expired row : AllowanceExpiry.read(expiry)) {
                        expired.computeIfAbsent(row.accountId(), k -> new java.util.ArrayList<>()).add(row);
                    }
                }
                Path acts = Files.createDirectories(PeriodOutputs.directory(out, period.toString()).resolve("acts"));
                Map<Path, PeriodOutputs.StreamBody> files = new LinkedHashMap<>();
                for (Invoice invoice : issued) {
                    String account = invoice.accountId();
                    Act act = Act.of(invoice, reference.account(account), plans.get(invoice.planId()), reference.numbers(account),
                            usage.numbers(account), expired.getOrDefault(account, List.of()));
                    String name = PeriodOutputs.safeFileName(account);
                    files.put(acts.resolve(name + ".pdf"), outStream -> ActPdf.write(act, outStream));
                    files.put(acts.resolve(name + ".xlsx"), outStream -> ActXlsx.write(act, outStream));
                }
                PeriodOutputs.publishInParallel(files);
                rendered[0] = issued.size();
                contribution.incrementWriteCount(files.size());
                return RepeatStatus.FINISHED;
            }, store.transactions()).build();
            JobExecution execution = store.run(new JobBuilder("period-documents", store.repository()).start(step).build(),
                    new JobParametersBuilder().addString("period", period.toString()).addLong("run", clock.millis())
                            .addString("user", System.getProperty("user.name", "?"), false).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                Throwable cause = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
                throw new IOException("period-documents " + period + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            return rendered[0];
        }
    }
}
