package dev.ratel.jobs.close;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits a period's invoiced accounts, in id order, into contiguous buckets of about equal size: bucket {@code i}
 * covers the account ids after {@value #AFTER} up to and including {@value #UP_TO} (none: to the end). Buckets are
 * ranges of ids, not positions in a list, so a restarted partition finds the same accounts however many were added
 * since; the local run gives each bucket a thread, the scale-out run another machine.
 */
final class AccountBuckets implements Partitioner {
    static final String AFTER = "after";
    static final String UP_TO = "up_to";

    private final Supplier<List<String>> sortedAccounts;

    /** @param sortedAccounts the accounts to split, sorted by id (read when the step starts) */
    AccountBuckets(Supplier<List<String>> sortedAccounts) {
        this.sortedAccounts = sortedAccounts;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> accounts = sortedAccounts.get();
        int buckets = Math.max(1, Math.min(gridSize, accounts.size()));
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        String after = "";
        for (int bucket = 0; bucket < buckets; bucket++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(AFTER, after);
            boolean last = bucket == buckets - 1;
            if (!last) {
                after = accounts.get((int) ((long) accounts.size() * (bucket + 1) / buckets) - 1);
                context.putString(UP_TO, after);
            }
            partitions.put(String.format("bucket%03d", bucket), context);
        }
        return partitions;
    }
}
