package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Rates what the usage journal holds beyond what was rated before, exactly once, also after a kill.
 *
 * <p>For each usage batch: every record is rated against the counters as the batch sees them
 * ({@link BatchCounters}); the decisions and the new values of the counters the batch changed are
 * appended to the rated journal as one excerpt; only then are the counters set, tagged with that
 * excerpt's index. On start, the last rated excerpt's counters are set again to the values it holds
 * (whatever a kill left them as) and rating resumes after the usage batch it covered.
 *
 * <p>A batch is rated by {@code threads} partitions side by side, each taking the records of its
 * accounts ({@link RatingPartition}); decisions are journalled in record order, so they, the
 * counters and everything exported from them are the same whatever the number of threads.
 */
public final class RateRun {
    /** What a run rated, by outcome. */
    public record Summary(long batches, long records, Map<RecordRater.Outcome, Long> outcomes, long amountScaled,
                          boolean resumed, Path rejectsFile) {
        public long rated() {
            return outcomes.getOrDefault(RecordRater.Outcome.RATED, 0L);
        }

        public long rejected() {
            return records - rated();
        }
    }

    private final Path home;
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final ExchangeRates exchangeRates;
    private Map<String, Integer> dictionary;
    /** The batch dictionary, as UTF-8: names are encoded once per run, not once per batch. */
    private java.util.List<byte[]> words;
    private Map<String, byte[]> encodedNames;
    private byte[][] encodedAccounts;
    /**
     * The batch dictionary's reference of each account, valid where {@code accountWordBatch} holds the
     * batch's number: a batch names up to a thousand accounts, and hashing their ids missed the cache.
     */
    private int[] accountWords;
    private int[] accountWordBatch;
    private NumberDirectory directory;

    private final java.util.Set<Integer> closedPeriods;
    private final int threads;

    public RateRun(Path home, Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates) {
        this(home, plans, reference, exchangeRates, java.util.Set.of());
    }

    public RateRun(Path home, Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates,
                   java.util.Set<Integer> closedPeriods) {
        this(home, plans, reference, exchangeRates, closedPeriods, Runtime.getRuntime().availableProcessors());
    }

    /** @param closedPeriods periods already invoiced ({@code year * 12 + month - 1}), whose late usage goes to the next open one */
    public RateRun(Path home, Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates,
                   java.util.Set<Integer> closedPeriods, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.threads = threads;
        this.home = home;
        this.plans = plans;
        this.reference = reference;
        this.exchangeRates = exchangeRates;
        this.closedPeriods = java.util.Set.copyOf(closedPeriods);
    }

    public Summary run(LongConsumer progress) throws IOException {
        NumberDirectory directory = NumberDirectory.build(reference, plans);
        try (HomeLock lock = HomeLock.acquire(home);
             UsageJournal usage = UsageJournal.open(home.resolve("journal"));
             RatedJournal rated = RatedJournal.open(home.resolve("rated"));
             MappedCounterStore store = Counters.open(home, directory.size());
             JournalCursor cursor = usage.cursor()) {
            RatedJournal.LastBatch last = rated.last();
            if (last != null) {
                replay(rated, store, last.ratedIndex());
                cursor.startAfter(last.sourceIndex());
            }
            RatingPartition[] partitions = new RatingPartition[threads];
            for (int p = 0; p < threads; p++) {
                partitions[p] = new RatingPartition(p, threads, directory, exchangeRates, store, closedPeriods);
            }
            java.util.concurrent.ExecutorService helpers = threads == 1 ? null
                    : java.util.concurrent.Executors.newFixedThreadPool(threads - 1, runnable -> {
                        Thread thread = new Thread(runnable, "ratel-rate");
                        thread.setDaemon(true);
                        return thread;
                    });
            RatingPartition.Decisions batchDecisions = new RatingPartition.Decisions();
            CdrRecord[] records = new CdrRecord[0];
            Bytes<?> decisions = Bytes.allocateElasticDirect(64 * 1024);
            Map<RecordRater.Outcome, Long> outcomes = new EnumMap<>(RecordRater.Outcome.class);
            long[] outcomeCounts = new long[RecordRater.Outcome.values().length];
            dictionary = new java.util.HashMap<>();
            words = new java.util.ArrayList<>();
            encodedNames = new java.util.HashMap<>();
            encodedAccounts = new byte[directory.accountCount()][];
            accountWords = new int[directory.accountCount()];
            accountWordBatch = new int[directory.accountCount()];
            java.util.Arrays.fill(accountWordBatch, -1);
            this.directory = directory;
            long batches = 0;
            long recordsRated = 0;
            long amount = 0;
            try {
                while (cursor.nextBatch()) {
                    long sourceIndex = cursor.index();
                    int count = 0;
                    while (true) {
                        if (count == records.length) {
                            records = java.util.Arrays.copyOf(records, Math.max(1024, records.length * 2));
                            for (int i = count; i < records.length; i++) {
                                records[i] = new CdrRecord();
                            }
                        }
                        if (!cursor.nextRecord(records[count])) {
                            break;
                        }
                        count++;
                    }
                    batchDecisions.ensure(count);
                    int recordCount = count;
                    CdrRecord[] batch = records;
                    inParallel(helpers, partitions, partition -> partition.rate(batch, recordCount, batchDecisions));
                    decisions.clear();
                    dictionary.clear();
                    words.clear();
                    int batchNumber = (int) batches;
                    for (int i = 0; i < count; i++) {
                        int outcome = batchDecisions.outcome[i];
                        boolean ratedOk = outcome == RecordRater.Outcome.RATED.ordinal();
                        TariffPlan plan = batchDecisions.plan[i];
                        decisions.writeByte((byte) outcome);
                        decisions.writeInt(ratedOk ? accountWord(batchDecisions.account[i], batchNumber) : -1);
                        decisions.writeInt(plan == null ? -1 : word(plan.id()));
                        decisions.writeInt(ratedOk && batchDecisions.destinationClass[i] >= 0
                                ? word(plan.classifier().className(batchDecisions.destinationClass[i])) : -1);
                        decisions.writeInt(ratedOk ? word(plan.currency().name()) : -1);
                        decisions.writeInt(batchDecisions.period[i]);
                        decisions.writeLong(batchDecisions.amountScaled[i]);
                        decisions.writeLong(batchDecisions.billedUnits[i]);
                        decisions.writeLong(batchDecisions.allowanceUnits[i]);
                        decisions.writeLong(batchDecisions.chargedUnits[i]);
                        decisions.writeByte(batchDecisions.flags[i]);
                        outcomeCounts[outcome]++;
                        amount += batchDecisions.amountScaled[i];
                    }
                    int changedSum = 0;
                    for (RatingPartition partition : partitions) {
                        changedSum += partition.counters().changedCount();
                    }
                    int changed = changedSum;
                    // the partitions set their counters side by side: the table grows, if it must, before
                    store.reserve(changed);
                    long ratedIndex = rated.append(out -> {
                        out.writeLong(sourceIndex);
                        out.writeInt(recordCount);
                        out.writeInt(words.size());
                        for (byte[] word : words) {
                            // as Chronicle's writeUtf8 writes it: a stop-bit length in UTF-8 bytes, then the bytes
                            out.writeStopBit(word.length);
                            out.write(word);
                        }
                        out.write(decisions);
                        out.writeInt(changed);
                        for (RatingPartition partition : partitions) {
                            partition.counters().forEachChanged((owner, bucket, period, used) -> {
                                out.writeLong(owner);
                                out.writeInt(bucket);
                                out.writeInt(period);
                                out.writeLong(used);
                            });
                        }
                    });
                    inParallel(helpers, partitions, partition -> partition.counters().flush(ratedIndex));
                    batches++;
                    recordsRated += count;
                    progress.accept(recordsRated);
                }
            } finally {
                decisions.releaseLast();
                if (helpers != null) {
                    helpers.shutdownNow();
                }
            }
            for (RecordRater.Outcome outcome : RecordRater.Outcome.values()) {
                if (outcomeCounts[outcome.ordinal()] > 0) {
                    outcomes.put(outcome, outcomeCounts[outcome.ordinal()]);
                }
            }
            boolean rejected = outcomeCounts[RecordRater.Outcome.RATED.ordinal()] != recordsRated;
            Path rejectsFile = RatingRejects.write(home, usage, rated, cursor, last == null ? Long.MIN_VALUE : last.ratedIndex(), rejected);
            return new Summary(batches, recordsRated, outcomes, amount, last != null, rejectsFile);
        }
    }

    /** Runs the task on every partition, partition 0 on this thread and the others on the helpers. */
    private static void inParallel(java.util.concurrent.ExecutorService helpers, RatingPartition[] partitions,
                                   java.util.function.Consumer<RatingPartition> task) {
        if (helpers == null) {
            task.accept(partitions[0]);
            return;
        }
        java.util.concurrent.Future<?>[] running = new java.util.concurrent.Future<?>[partitions.length];
        for (int p = 1; p < partitions.length; p++) {
            RatingPartition partition = partitions[p];
            running[p] = helpers.submit(() -> task.accept(partition));
        }
        task.accept(partitions[0]);
        for (int p = 1; p < partitions.length; p++) {
            try {
                running[p].get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rating", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            }
        }
    }

    /** The batch dictionary's reference for an account's id, adding it the first time in batch {@code batchNumber}. */
    private int accountWord(int account, int batchNumber) {
        if (accountWordBatch[account] != batchNumber) {
            accountWordBatch[account] = batchNumber;
            accountWords[account] = words.size();
            byte[] encoded = encodedAccounts[account];
            if (encoded == null) {
                encoded = directory.accountId(account).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                encodedAccounts[account] = encoded;
            }
            words.add(encoded);
        }
        return accountWords[account];
    }

    /** The batch dictionary's reference for a name, adding it the first time. */
    private int word(String name) {
        Integer reference = dictionary.get(name);
        if (reference == null) {
            reference = words.size();
            words.add(encodedNames.computeIfAbsent(name, n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            dictionary.put(name, reference);
        }
        return reference;
    }

    /**
     * Sets the counters of rated excerpt {@code index} to the values it holds, whatever a kill left
     * them as. Earlier excerpts were fully set before the next batch began.
     */
    private static void replay(RatedJournal rated, MappedCounterStore store, long index) {
        RatedBatch batch = new RatedBatch();
        rated.read(index, batch::read);
        for (int i = 0; i < batch.counters; i++) {
            store.set(batch.counterOwner[i], batch.counterBucket[i], batch.counterPeriod[i], batch.counterUsed[i], index);
        }
    }
}
