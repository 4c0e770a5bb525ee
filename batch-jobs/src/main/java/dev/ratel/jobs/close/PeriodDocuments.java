package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;

/**
 * The acts of completed work of a closed period rendered again, on request, as the {@code period-documents} job: per
 * account the act with Appendix No. 1 as {@code acts/ACCOUNT.pdf} and, when asked, {@code acts/ACCOUNT.xlsx}. The
 * month end renders the acts' PDFs itself; this job is for the workbooks finance asks for, and for a period closed
 * before the acts were part of the close. It runs the month end's partitioned documents step.
 */
public final class PeriodDocuments {
    private final JobStore store;
    private final Path home;
    private final Path out;
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final Clock clock;
    private MonthEndProgress progress = MonthEndProgress.NONE;

    public PeriodDocuments(JobStore store, Path home, Path out, Map<String, TariffPlan> plans, ReferenceData reference, Clock clock) {
        this.store = store;
        this.home = home;
        this.out = out;
        this.plans = plans;
        this.reference = reference;
        this.clock = clock;
    }

    /** Where the rendering reports how far it is. */
    public PeriodDocuments progress(MonthEndProgress sink) {
        this.progress = sink;
        return this;
    }

    /** Renders the acts of {@code period} as PDF (and XLSX when {@code xlsx}); returns how many accounts got one. */
    public int run(YearMonth period, boolean xlsx) throws Exception {
        try (HomeLock lock = HomeLock.acquire(home)) {
            InvoiceStore invoices = new InvoiceStore(store.dataSource());
            if (!invoices.isClosed(period.toString())) {
                throw new IllegalStateException("period " + period + " is not closed yet; run 'ratel close-month --period " + period + "' first");
            }
            var step = DocumentsStep.build("acts", store, invoices, period.toString(), PeriodOutputs.directory(out, period.toString()),
                    reference, plans, new PeriodInputs(home, out, period.toString(), plans), new DocumentKinds(false, true, xlsx), progress,
                    DocumentsStep.defaultThreads());
            JobExecution execution = store.run(new JobBuilder("period-documents", store.repository()).start(step).build(),
                    new JobParametersBuilder().addString("period", period.toString()).addLong("run", clock.millis())
                            .addString("user", System.getProperty("user.name", "?"), false).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                Throwable cause = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
                throw new IOException("period-documents " + period + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            long rendered = 0;
            for (StepExecution stepExecution : execution.getStepExecutions()) {
                if (stepExecution.getStepName().equals("acts")) {
                    rendered = stepExecution.getWriteCount();
                }
            }
            return (int) rendered;
        }
    }
}
