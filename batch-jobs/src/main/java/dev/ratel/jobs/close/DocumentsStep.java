package dev.ratel.jobs.close;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.batch.JobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The documents of a closed period as a partitioned, chunk-oriented step: the invoiced accounts are split into
 * {@value #BUCKETS} buckets of account ids ({@link AccountBuckets}), each a worker step that reads its invoices page by
 * page ({@link InvoiceBucketReader}) and renders {@value #PER_CHUNK} accounts' documents per chunk
 * ({@link DocumentWriter}); the buckets run on local threads. A restart after a kill runs only the buckets not
 * finished, each from the chunk after its last committed one.
 */
final class DocumentsStep {
    static final int BUCKETS = 16;
    static final int PER_CHUNK = 50;

    private DocumentsStep() {
    }

    static Step build(String name, JobStore store, InvoiceStore invoices, String period, Path directory, ReferenceData reference,
                      Map<String, TariffPlan> plans, PeriodInputs inputs, DocumentKinds kinds, MonthEndProgress progress, int threads)
            throws IOException {
        LongConsumer[] stage = {done -> { }};
        DocumentWriter writer = new DocumentWriter(directory, reference, plans, inputs::usage, inputs::expiredByAccount, kinds,
                done -> stage[0].accept(done));
        Step worker = new StepBuilder(name + "-bucket", store.repository()).<Invoice, Invoice>chunk(PER_CHUNK)
                .transactionManager(store.transactions()).reader(new InvoiceBucketReader(invoices, period)).writer(writer).build();
        AccountBuckets buckets = new AccountBuckets(() -> {
            List<String> accounts = invoices.invoicedAccountsSorted(period);
            stage[0] = progress.stage(name, accounts.size());
            return accounts;
        });
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ratel-" + name + "-");
        executor.setConcurrencyLimit(Math.max(1, threads));
        return new StepBuilder(name, store.repository()).partitioner(name + "-bucket", buckets).step(worker).gridSize(BUCKETS)
                .taskExecutor(executor).build();
    }

    /** Threads for the buckets: every core, up to eight. */
    static int defaultThreads() {
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }
}
