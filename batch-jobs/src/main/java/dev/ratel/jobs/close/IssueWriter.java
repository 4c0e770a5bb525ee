package dev.ratel.jobs.close;

import dev.ratel.core.tariff.TariffPlan;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Issues a chunk of built invoices in the chunk's transaction: numbered in account order without gaps, stored with
 * their lines in two batches, and every account of the chunk released from the held list, or held with its reason
 * when its invoice could not be built. A kill before the commit leaves none of it, and the restart builds the chunk
 * again.
 */
final class IssueWriter implements ItemWriter<IssueWriter.Outcome> {
    /** One account's outcome: its invoice, nothing to invoice (both null), or the reason it is held. */
    record Outcome(String accountId, Invoice invoice, String heldReason) {
    }

    private final InvoiceStore invoices;
    private final String period;
    private final Map<String, TariffPlan> plans;
    private final Clock clock;
    private final LongConsumer progress;
    private final AtomicLong done = new AtomicLong();

    IssueWriter(InvoiceStore invoices, String period, Map<String, TariffPlan> plans, Clock clock, LongConsumer progress) {
        this.invoices = invoices;
        this.period = period;
        this.plans = plans;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public void write(Chunk<? extends Outcome> chunk) {
        List<Invoice> built = new ArrayList<>();
        List<String> series = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (Outcome outcome : chunk) {
            if (outcome.heldReason() != null) {
                invoices.hold(period, outcome.accountId(), outcome.heldReason(), clock.instant());
                continue;
            }
            released.add(outcome.accountId());
            if (outcome.invoice() != null) {
                built.add(outcome.invoice());
                series.add(plans.get(outcome.invoice().planId()).seller().invoiceSeries());
            }
        }
        invoices.issueAll(built, series);
        invoices.releaseAll(period, released);
        progress.accept(done.addAndGet(chunk.size()));
    }
}
