package dev.ratel.jobs.close;

import java.util.ArrayDeque;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads a bucket's invoices ({@link AccountBuckets}) page by page in account id order, so a million invoices are never
 * in memory at once. After each chunk the id of the last account read is saved in the partition's execution context
 * ({@value #LAST}): a partition restarted after a kill goes on after the last chunk whose documents were published.
 *
 * <p>One reader serves every partition of the step, each on its own thread: its cursor is held per thread, from
 * {@link #open} to {@link #close}, as a step-scoped bean would be.
 */
final class InvoiceBucketReader implements ItemStreamReader<Invoice> {
    static final String LAST = "last_account_done";
    private static final int PAGE = 100;

    private final InvoiceStore invoices;
    private final String period;
    private final ThreadLocal<Cursor> cursor = new ThreadLocal<>();

    private static final class Cursor {
        String upTo;
        String fetchedTo;
        String lastRead;
        boolean exhausted;
        final ArrayDeque<Invoice> page = new ArrayDeque<>();
    }

    InvoiceBucketReader(InvoiceStore invoices, String period) {
        this.invoices = invoices;
        this.period = period;
    }

    @Override
    public void open(ExecutionContext context) {
        Cursor opened = new Cursor();
        opened.upTo = context.containsKey(AccountBuckets.UP_TO) ? context.getString(AccountBuckets.UP_TO) : null;
        opened.fetchedTo = context.containsKey(LAST) ? context.getString(LAST) : context.getString(AccountBuckets.AFTER);
        opened.lastRead = opened.fetchedTo;
        cursor.set(opened);
    }

    @Override
    public Invoice read() {
        Cursor current = cursor.get();
        if (current.page.isEmpty() && !current.exhausted) {
            List<Invoice> next = invoices.invoicesOfAccounts(period, current.fetchedTo, current.upTo, PAGE);
            current.exhausted = next.size() < PAGE;
            if (!next.isEmpty()) {
                current.fetchedTo = next.get(next.size() - 1).accountId();
                current.page.addAll(next);
            }
        }
        Invoice invoice = current.page.poll();
        if (invoice != null) {
            current.lastRead = invoice.accountId();
        }
        return invoice;
    }

    @Override
    public void update(ExecutionContext context) {
        Cursor current = cursor.get();
        if (current != null) {
            context.putString(LAST, current.lastRead);
        }
    }

    @Override
    public void close() {
        cursor.remove();
    }
}
