package dev.ratel.jobs.run;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.TaxTable;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.close.CloseMonth;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.close.DocumentKinds;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.home.HomeLock;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The nightly pipeline as one Spring Batch job ({@code bill-run}): ingest the CDR files, rate the
 * journal, export rated usage to Parquet; then close the periods asked for, or, when none is
 * named, every period with exported usage that ended before today and is not closed yet, with each
 * account's invoice and act, and put this run's rejects beside its files as {@code rejects.csv};
 * last, credit control for today writes {@code OUT/credit-control-DATE.csv}. Each
 * stage keeps its own exactly-once state under the home, so a run killed anywhere is simply run
 * again.
 */
public final class BillRun {
    /** What the pipeline did. */
    public record Result(IngestSummary ingested, RateRun.Summary rated, Export.Summary exported, List<CloseMonth.Result> closed,
                         Path creditControl, Map<String, Long> timingsMillis) {
        /** The contract's counts: read = rated + rejected + duplicates. */
        public Map<String, Object> counts() {
            Map<String, Object> counts = new LinkedHashMap<>();
            long rejected = ingested.rejected() + rated.rejected();
            counts.put("read", ingested.read());
            counts.put("rated", rated.rated());
            counts.put("rejected", rejected);
            counts.put("duplicates", ingested.duplicates());
            counts.put("timings_ms", timingsMillis);
            return counts;
        }
    }

    /** The stages' progress, for a progress bar: a stage's name and how much it has to do (-1 when unknown). */
    public interface Progress {
        LongConsumer stage(String name, long total);

        default LongConsumer stage(String name) {
            return stage(name, -1);
        }
    }

    private final JobStore store;
    private final Path home;
    private final IngestSettings ingestSettings;
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final ExchangeRates exchangeRates;
    private final TaxTable taxes;
    private final Path out;
    private final Clock clock;
    private DocumentKinds documents = DocumentKinds.MONTH_END;
    private String outOfOrder;

    public BillRun(JobStore store, IngestSettings ingestSettings, Map<String, TariffPlan> plans, ReferenceData reference,
                   ExchangeRates exchangeRates, TaxTable taxes, Path out, Clock clock) {
        this.taxes = taxes;
        this.store = store;
        this.home = ingestSettings.home();
        this.ingestSettings = ingestSettings;
        this.plans = plans;
        this.reference = reference;
        this.exchangeRates = exchangeRates;
        this.out = out;
        this.clock = clock;
    }

    /** Which documents the closes render per account. */
    public BillRun documents(DocumentKinds kinds) {
        this.documents = kinds;
        return this;
    }

    /**
     * Closes the periods asked for although an earlier one with rated usage is still open, for {@code reason} (kept in
     * the history); null (the default) refuses, as {@link CloseMonth#outOfOrder} says.
     */
    public BillRun outOfOrder(String reason) {
        this.outOfOrder = reason;
        return this;
    }

    /**
     * Runs the pipeline over {@code cdrInputs}, closing {@code periods} (or, when empty, every
     * ended period that has usage and is still open).
     */
    public Result run(List<Path> cdrInputs, List<YearMonth> periods, Progress progress) throws Exception {
        try (HomeLock lock = HomeLock.acquire(home)) {
            IngestSummary[] ingested = new IngestSummary[1];
            RateRun.Summary[] rated = new RateRun.Summary[1];
            Export.Summary[] exported = new Export.Summary[1];
            Map<String, Long> timings = new LinkedHashMap<>();
            Step ingest = new StepBuilder("ingest", store.repository()).tasklet((contribution, context) -> {
                long started = System.nanoTime();
                ingested[0] = new Ingest(ingestSettings).run(cdrInputs, null, progress.stage("ingest"));
                timings.put("ingest", (System.nanoTime() - started) / 1_000_000);
                contribution.incrementReadCount();
                contribution.incrementWriteCount(ingested[0].accepted());
                contribution.incrementFilterCount(ingested[0].rejected() + ingested[0].duplicates());
                return RepeatStatus.FINISHED;
            }, store.transactions()).build();
            Step rate = new StepBuilder("rate", store.repository()).tasklet((contribution, context) -> {
                long started = System.nanoTime();
                rated[0] = new RateRun(home, plans, reference, exchangeRates,
                        new InvoiceStore(store.dataSource()).closedPeriodKeys()).run(progress.stage("rate"));
                timings.put("rate", (System.nanoTime() - started) / 1_000_000);
                contribution.incrementWriteCount(rated[0].rated());
                contribution.incrementFilterCount(rated[0].rejected());
                return RepeatStatus.FINISHED;
            }, store.transactions()).build();
            Step export = new StepBuilder("export", store.repository()).tasklet((contribution, context) -> {
                long started = System.nanoTime();
                exported[0] = new Export(home, out.toAbsolutePath().toUri().toString(), plans).run();
                timings.put("export", (System.nanoTime() - started) / 1_000_000);
                contribution.incrementWriteCount(exported[0].rows());
                return RepeatStatus.FINISHED;
            }, store.transactions()).build();
            Job job = new JobBuilder("bill-run", store.repository()).start(ingest).next(rate).next(export).build();
            JobExecution execution = store.run(job, new JobParametersBuilder()
                    .addString("cdr", cdrInputs.toString())
                    .addString("out", out.toString())
                    .addString("user", System.getProperty("user.name", "?"), false)
                    .addLong("run", clock.millis()).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                Throwable cause = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
                if (cause instanceof Exception failure) {
                    throw failure;
                }
                throw new IOException("bill-run " + execution.getStatus().name().toLowerCase()
                        + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
            }
            Result partial = new Result(ingested[0], rated[0], exported[0], List.of(), null, timings);
            List<CloseMonth.Result> closed = new ArrayList<>();
            // oldest first, whatever order they were named in: months close in order
            for (YearMonth period : periods.isEmpty() ? endedOpenPeriods() : new java.util.TreeSet<>(periods)) {
                CloseMonth.Result result = new CloseMonth(store, home, out, plans, reference, taxes, clock, partial.counts())
                        .documents(documents).outOfOrder(outOfOrder).progress(progress::stage).run(period);
                closed.add(result);
                writeRejects(result.directory().resolve("rejects.csv"), ingested[0].rejectsFile(), rated[0].rejectsFile());
            }
            // credit control after every run: the block list for today, from the invoices issued so far
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(ZoneOffset.UTC));
            Path blockList = dev.ratel.jobs.ledger.CreditControl.write(out, today, dev.ratel.jobs.ledger.CreditControl.assess(today, reference, plans, taxes,
                    new InvoiceStore(store.dataSource()).issuedUpTo(today, null)));
            return new Result(ingested[0], rated[0], exported[0], closed, blockList, timings);
        }
    }

    /**
     * The contract's {@code rejects.csv} of a closed period: every record this run did not rate, the
     * ingest's rejects and then the rating's, in their common columns. Written under a temporary name
     * and renamed.
     */
    static void writeRejects(Path target, Path... sources) throws IOException {
        Path temporary = target.resolveSibling(".rejects.csv.tmp");
        try (java.io.Writer writer = Files.newBufferedWriter(temporary, java.nio.charset.StandardCharsets.UTF_8);
             dev.ratel.formats.csv.SafeCsvPrinter printer = new dev.ratel.formats.csv.SafeCsvPrinter(writer,
                     "source_file", "line", "record_id", "reason_code", "reason", "raw")) {
            for (Path source : sources) {
                if (source == null || !Files.exists(source)) {
                    continue;
                }
                try (java.io.Reader reader = Files.newBufferedReader(source, java.nio.charset.StandardCharsets.UTF_8);
                     org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader()
                             .setSkipHeaderRecord(true).get().parse(reader)) {
                    for (org.apache.commons.csv.CSVRecord row : parser) {
                        printer.printRecord(row.get("source_file"), row.get("line"), row.get("record_id"), row.get("reason_code"),
                                row.get("reason"), row.get("raw"));
                    }
                }
            }
        }
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Periods with exported usage that ended before today (UTC) and are not closed yet, oldest first. */
    private List<YearMonth> endedOpenPeriods() throws IOException {
        TreeSet<YearMonth> periods = new TreeSet<>();
        Path rated = out.resolve("rated");
        if (!Files.isDirectory(rated)) {
            return List.of();
        }
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        InvoiceStore invoices = new InvoiceStore(store.dataSource());
        try (DirectoryStream<Path> partitions = Files.newDirectoryStream(rated, "period=*")) {
            for (Path partition : partitions) {
                YearMonth period = YearMonth.parse(partition.getFileName().toString().substring("period=".length()));
                if (period.isBefore(current) && !invoices.isClosed(period.toString())) {
                    periods.add(period);
                }
            }
        }
        return new ArrayList<>(periods);
    }
}
