package dev.ratel.jobs.close;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The accounts the issue step still has to invoice, in id order (so invoice numbers follow account ids). The list
 * is worked out when the step opens, from what the job store holds: an account invoiced in a chunk that committed
 * before a kill is never in it again, so nothing is kept in the execution context but the count for the history.
 */
final class AccountsToInvoice implements ItemStreamReader<String> {
    private final Supplier<List<String>> pending;
    private Iterator<String> next;
    private int total;

    AccountsToInvoice(Supplier<List<String>> pending) {
        this.pending = pending;
    }

    @Override
    public void open(ExecutionContext context) {
        List<String> accounts = pending.get();
        total = accounts.size();
        next = accounts.iterator();
    }

    /** How many accounts the step found to invoice when it opened. */
    int total() {
        return total;
    }

    @Override
    public String read() {
        return next.hasNext() ? next.next() : null;
    }
}
