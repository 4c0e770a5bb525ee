package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The month-end close of one period as a Spring Batch job ({@code close-month}, one job instance per
 * period), restartable step by step:
 * <ol>
 * <li>{@code export}: rated usage not yet in Parquet is exported, so ingest, rate, close never miss a record;</li>
 * <li>{@code compact}: a day's files of every export run of the month become one;</li>
 * <li>{@code check-order}: an earlier period with rated usage still open stops the close (invoice numbers follow
 * the months), unless {@link #outOfOrder} gives a reason;</li>
 * <li>{@code expire}: what is left of every allowance is recorded as expired, once, in
 * {@code HOME/periods/YYYY-MM/allowances-expired.csv};</li>
 * <li>{@code issue}: a chunk-oriented step over the accounts in id order, {@value #ACCOUNTS_PER_CHUNK} per chunk: each
 * account's invoice is built, and the chunk numbered without gaps and stored in one transaction; a restart invoices
 * only the accounts not invoiced yet;</li>
 * <li>{@code publish}: the period is marked closed and its CSVs and invoice register are written from the stored
 * invoices;</li>
 * <li>{@code documents}: each account's invoice PDF and act of completed work, a partitioned step over buckets of
 * accounts ({@link DocumentsStep}); a restart renders only what was not published;</li>
 * <li>{@code summary}: {@code run-summary.json}, with every step's time.</li>
 * </ol>
 * Closing a period that is already closed runs {@code republish-month}, which writes the same files
 * again from the stored invoices and changes none of them.
 */
public final class CloseMonth {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloseMonth.class);
    static final int ACCOUNTS_PER_CHUNK = 200;

    /**
     * What a close did. {@code held}: accounts it could not invoice, by id, with the reason (listed in the period's
     * {@code held-accounts.csv}); every other account is invoiced, and a close of the period run again invoices them.
     */
    public record Result(String period, boolean alreadyClosed, int invoices, long usageRecords, int expiredAllowances,
                         Map<String, Map<String, String>> totals, Path directory, Map<String, String> held) {
    }

    private final JobStore store;
    private final Path home;
    private final Path out;
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final TaxTable taxes;
    private final Clock clock;
    private final Map<String, Object> pipelineCounts;
    private String outOfOrder;
    private DocumentKinds documents = DocumentKinds.MONTH_END;
    private MonthEndProgress progress = MonthEndProgress.NONE;
    private int threads = DocumentsStep.defaultThreads();

    /**
     * @param pipelineCounts counts of the pipeline run this close is part of ({@code read}, {@code rated},
     *     {@code rejected}, {@code duplicates}, {@code timings_ms}), written into {@code run-summary.json}; empty for a
     *     close on its own
     */
    public CloseMonth(JobStore store, Path home, Path out, Map<String, TariffPlan> plans, ReferenceData reference,
                      TaxTable taxes, Clock clock, Map<String, Object> pipelineCounts) {
        this.store = store;
        this.home = home;
        this.out = out;
        this.plans = plans;
        this.reference = reference;
        this.taxes = taxes;
        this.clock = clock;
        this.pipelineCounts = pipelineCounts;
    }

    /**
     * Lets this close go ahead while an earlier period with rated usage is still open, for the reason given (kept in the
     * job's parameters, so the history shows why the invoice numbers of the two periods are not chronological).
     */
    public CloseMonth outOfOrder(String reason) {
        this.outOfOrder = reason;
        return this;
    }

    /** Which documents the close renders per account (both PDFs unless told otherwise). */
    public CloseMonth documents(DocumentKinds kinds) {
        this.documents = kinds;
        return this;
    }

    /** Where the long steps (issue, documents) report how far they are. */
    public CloseMonth progress(MonthEndProgress sink) {
        this.progress = sink;
        return this;
    }

    /** Threads rendering the documents' buckets (default: every core, up to eight). */
    public CloseMonth threads(int count) {
        this.threads = count;
        return this;
    }

    /** An earlier period with rated usage is still open: closing this one first would number its invoices out of order. */
    public static final class OutOfOrderException extends IllegalStateException {
        public OutOfOrderException(String message) {
            super(message);
        }
    }

    public Result run(YearMonth period) throws Exception {
        try (HomeLock lock = HomeLock.acquire(home)) {
            InvoiceStore invoices = new InvoiceStore(store.dataSource());
            State state = new State(new PeriodInputs(home, out, period.toString(), plans));
            JobParametersBuilder builder = new JobParametersBuilder().addString("period", period.toString())
                    .addString("user", System.getProperty("user.name", "?"), false);
            if (outOfOrder != null) {
                builder.addString("out_of_order", outOfOrder, false);
            }
            JobParameters parameters = builder.toJobParameters();
            boolean alreadyClosed = false;
            JobExecution execution;
            try {
                execution = store.run(closeJob(period, invoices, state), parameters);
            } catch (JobInstanceAlreadyCompleteException e) {
                alreadyClosed = true;
                JobParameters again = new JobParametersBuilder().addString("period", period.toString())
                        .addLong("run", clock.millis()).addString("user", System.getProperty("user.name", "?"), false).toJobParameters();
                Map<String, String> held = invoices.held(period.toString());
                if (held.isEmpty()) {
                    execution = store.run(new JobBuilder("republish-month", store.repository())
                            .start(publishStep(period, invoices, state)).next(documentsStep(period, invoices, state))
                            .next(summaryStep(period, state)).build(), again);
                } else {
                    // the accounts held out of the close, once their data is fixed, are invoiced now; the rest is published again
                    state.onlyHeld = new ArrayList<>(held.keySet());
                    execution = store.run(new JobBuilder("close-held-accounts", store.repository())
                            .start(issueStep(period, invoices, state)).next(publishStep(period, invoices, state))
                            .next(documentsStep(period, invoices, state)).next(summaryStep(period, state)).build(), again);
                }
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                Throwable cause = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
                if (cause instanceof OutOfOrderException refused) {
                    throw refused;
                }
                throw new IOException("close-month " + period + " " + execution.getStatus().name().toLowerCase()
                        + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            return new Result(period.toString(), alreadyClosed, state.invoices, state.usageRecords, state.expired,
                    state.totals, PeriodOutputs.directory(out, period.toString()), invoices.held(period.toString()));
        }
    }

    /** What the steps tell each other and the caller. */
    private static final class State {
        final PeriodInputs inputs;
        List<String> onlyHeld;
        int invoices;
        long usageRecords;
        int expired;
        Map<String, Map<String, String>> totals = Map.of();
        Map<String, Object> summary;

        State(PeriodInputs inputs) {
            this.inputs = inputs;
        }
    }

    private Job closeJob(YearMonth period, InvoiceStore invoices, State state) throws IOException {
        Step export = new StepBuilder("export", store.repository()).tasklet((contribution, context) -> {
            Export.Summary summary = new Export(home, out.toAbsolutePath().toUri().toString(), plans).run();
            contribution.incrementWriteCount(summary.rows());
            return RepeatStatus.FINISHED;
        }, store.transactions()).allowStartIfComplete(true).build();
        // a day's files of every export run of the month become one, before the invoices read them
        Step compact = new StepBuilder("compact", store.repository()).tasklet((contribution, context) -> {
            contribution.incrementWriteCount(new Export(home, out.toAbsolutePath().toUri().toString(), plans).compact(period));
            return RepeatStatus.FINISHED;
        }, store.transactions()).build();
        // after the export, so usage rated but not yet exported counts as well
        Step order = new StepBuilder("check-order", store.repository()).tasklet((contribution, context) -> {
            // a close that already numbered invoices passed the check when it started (with --out-of-order, perhaps):
            // restarted after a kill, it finishes what it began
            List<YearMonth> open = invoices.invoicedAccounts(period.toString()).isEmpty() ? openEarlierPeriods(period, invoices) : List.of();
            if (!open.isEmpty() && outOfOrder == null) {
                throw new OutOfOrderException("cannot close " + period + " before " + open.get(0) + (open.size() > 1 ? " (and "
                        + (open.size() - 1) + " more earlier period(s))" : "") + ": it has rated usage and is still open, and"
                        + " invoice numbers must follow the months; close " + open.get(0) + " first, or close " + period + " anyway with"
                        + " --out-of-order REASON ('ratel close-month --period " + period + " --out-of-order REASON', or the same on"
                        + " 'ratel run')");
            }
            if (!open.isEmpty()) {
                LOG.warn("close {} out of order, before open {}: {}", period, open, outOfOrder);
            }
            return RepeatStatus.FINISHED;
        }, store.transactions()).allowStartIfComplete(true).build();
        Step expire = new StepBuilder("expire", store.repository()).tasklet((contribution, context) -> {
            Path file = AllowanceExpiry.file(home, period.toString());
            if (!Files.exists(file)) {
                List<AllowanceExpiry.Expired> expired = List.of();
                if (Files.isDirectory(dev.ratel.jobs.home.HomeLayout.counters(home))) {
                    try (MappedCounterStore counters = dev.ratel.jobs.rate.Counters.open(home, reference);
                         dev.ratel.formats.ids.HomeCounterKeys keys = dev.ratel.formats.ids.HomeCounterKeys.readOnly(
                                 dev.ratel.jobs.home.HomeLayout.ids(home))) {
                        expired = AllowanceExpiry.compute(period, reference, plans, counters, keys);
                    }
                }
                PeriodOutputs.writeExpiry(file, expired);
                contribution.incrementWriteCount(expired.size());
            }
            return RepeatStatus.FINISHED;
        }, store.transactions()).build();
        return new JobBuilder("close-month", store.repository()).start(export).next(compact).next(order).next(expire)
                .next(issueStep(period, invoices, state)).next(publishStep(period, invoices, state))
                .next(documentsStep(period, invoices, state)).next(summaryStep(period, state)).build();
    }

    /** Periods before {@code period} with exported rated usage that are not closed, oldest first. */
    private List<YearMonth> openEarlierPeriods(YearMonth period, InvoiceStore invoices) throws IOException {
        List<YearMonth> open = new ArrayList<>();
        for (YearMonth rated : PeriodUsage.exportedPeriods(out.toAbsolutePath().toUri().toString())) {
            if (rated.isBefore(period) && !invoices.isClosed(rated.toString())) {
                open.add(rated);
            }
        }
        return open;
    }

    /**
     * Issues the invoices of the accounts not invoiced yet (or, closing held accounts again, of those), as a
     * chunk-oriented step. An account whose invoice cannot be built (its data breaks a rule of its plan) is held with
     * the reason, and the others go on.
     */
    private Step issueStep(YearMonth period, InvoiceStore invoices, State state) {
        LongConsumer[] stage = {done -> { }};
        AccountsToInvoice accounts = new AccountsToInvoice(() -> {
            PeriodUsage usage = state.inputs.usage();
            // rated usage of an account the reference data no longer has would be billed to nobody: stop instead
            List<String> unknown = usage.accounts().stream().filter(a -> !reference.accounts().containsKey(a)).limit(5).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("rated usage of " + period + " belongs to accounts missing from accounts.csv: "
                        + String.join(", ", unknown) + "; restore them (with closed_on dates) before closing the period");
            }
            List<String> pending = new ArrayList<>();
            if (state.onlyHeld != null) {
                pending.addAll(new TreeSet<>(state.onlyHeld));
            } else {
                Set<String> done = invoices.invoicedAccounts(period.toString());
                for (String account : new TreeSet<>(reference.accounts().keySet())) {
                    if (!done.contains(account)) {
                        pending.add(account);
                    }
                }
            }
            stage[0] = progress.stage("issue", pending.size());
            return pending;
        });
        InvoiceBuilder builder = new InvoiceBuilder(plans, reference, taxes);
        ItemProcessor<String, IssueWriter.Outcome> build = account -> {
            if (!reference.accounts().containsKey(account)) {
                return new IssueWriter.Outcome(account, null, "the account is no longer in accounts.csv");
            }
            try {
                return new IssueWriter.Outcome(account, builder.build(account, period, state.inputs.usage().of(account)), null);
            } catch (RuntimeException broken) {
                // one account's bad data never stops the others: it waits, with the reason, for the next close
                LOG.warn("close {}: account {} held: {}", period, account, broken.getMessage());
                return new IssueWriter.Outcome(account, null, broken.getMessage() == null ? broken.toString() : broken.getMessage());
            }
        };
        return new StepBuilder("issue", store.repository()).<String, IssueWriter.Outcome>chunk(ACCOUNTS_PER_CHUNK)
                .transactionManager(store.transactions()).reader(accounts).processor(build)
                .writer(new IssueWriter(invoices, period.toString(), plans, clock, done -> stage[0].accept(done))).build();
    }

    private Step publishStep(YearMonth period, InvoiceStore invoices, State state) {
        return new StepBuilder("publish", store.repository()).tasklet((contribution, context) -> {
            long started = System.nanoTime();
            invoices.close(period.toString(), clock.instant());
            Path expiry = AllowanceExpiry.file(home, period.toString());
            if (!java.nio.file.Files.exists(expiry)) {
                // the invoices are in a job repository this home shares, but another home closed the period
                throw new IOException("period " + period + " was closed from another home: " + expiry + " is missing, and with it"
                        + " what expired of the allowances; publish the period again from the home that closed it");
            }
            Path directory = PeriodOutputs.directory(out, period.toString());
            PeriodOutputs.Published published = PeriodOutputs.writePeriodFiles(directory, period.toString(), invoices, reference, expiry);
            Map<String, String> held = invoices.held(period.toString());
            PeriodOutputs.writeHeld(directory, held);
            LOG.info("publish {}: {} invoices, CSVs and register in {} ms", period, published.invoices(), (System.nanoTime() - started) / 1_000_000);
            state.invoices = published.invoices();
            state.usageRecords = state.inputs.usage().records();
            state.expired = AllowanceExpiry.count(expiry);
            state.totals = published.totals();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("period", period.toString());
            if (pipelineCounts.isEmpty()) {
                // a close on its own: the counts are the period's rated usage; rejects are in the rate runs' reports
                summary.put("read", state.usageRecords);
                summary.put("rated", state.usageRecords);
                summary.put("rejected", 0);
                summary.put("duplicates", 0);
                summary.put("counts_cover", "rated usage of the period");
            } else {
                summary.putAll(pipelineCounts);
                summary.put("counts_cover", "this run's ingest and rating");
            }
            summary.put("period_usage_records", state.usageRecords);
            summary.put("invoices", state.invoices);
            summary.put("held_accounts", held.size());
            summary.put("allowances_expired", state.expired);
            summary.put("totals", state.totals);
            state.summary = summary;
            contribution.incrementWriteCount(published.invoices());
            return RepeatStatus.FINISHED;
        }, store.transactions()).allowStartIfComplete(true).build();
    }

    private Step documentsStep(YearMonth period, InvoiceStore invoices, State state) throws IOException {
        return DocumentsStep.build("documents", store, invoices, period.toString(), PeriodOutputs.directory(out, period.toString()),
                reference, plans, state.inputs, documents, progress, threads);
    }

    /**
     * {@code run-summary.json}, last: the counts and totals, and the time of every step of this execution (and of the
     * pipeline before it), so a slow night shows where its time went.
     */
    private Step summaryStep(YearMonth period, State state) {
        return new StepBuilder("summary", store.repository()).tasklet((contribution, context) -> {
            Map<String, Object> summary = new LinkedHashMap<>(state.summary);
            Map<String, Object> timings = new LinkedHashMap<>();
            if (pipelineCounts.get("timings_ms") instanceof Map<?, ?> pipeline) {
                pipeline.forEach((step, millis) -> timings.put(String.valueOf(step), millis));
            }
            StepExecution self = context.getStepContext().getStepExecution();
            // every execution of this close, oldest first: a close restarted after a kill still times the steps its
            // earlier executions finished (a step run again counts its last run)
            List<JobExecution> executions = new ArrayList<>(store.repository().getJobExecutions(self.getJobExecution().getJobInstance()));
            executions.sort(java.util.Comparator.comparing(JobExecution::getId));
            Map<String, Long> steps = new LinkedHashMap<>();
            for (JobExecution execution : executions) {
                for (StepExecution step : execution.getStepExecutions()) {
                    // the buckets' own executions ("documents-bucket:bucket003") are inside their step's time
                    if (step.getId() == self.getId() || step.getStepName().equals("summary") || step.getStepName().contains(":")
                            || step.getStartTime() == null || step.getEndTime() == null || step.getStatus() != BatchStatus.COMPLETED) {
                        continue;
                    }
                    steps.put(step.getStepName(), java.time.Duration.between(step.getStartTime(), step.getEndTime()).toMillis());
                }
            }
            // "close.export" beside the pipeline's own "export": the close exports what the pipeline left, if anything
            steps.forEach((step, millis) -> timings.put("close." + step, millis));
            summary.put("timings_ms", timings);
            PeriodOutputs.writeSummary(PeriodOutputs.directory(out, period.toString()), summary);
            return RepeatStatus.FINISHED;
        }, store.transactions()).allowStartIfComplete(true).build();
    }
}
