package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.formats.journal.RatedBatchEncoder;
import dev.ratel.formats.ids.HomeCounterKeys;
import dev.ratel.jobs.home.HomeLayout;
import dev.ratel.jobs.home.HomeLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Rates what the usage journal holds beyond what was rated before, exactly once, also after a kill.
 *
 * <p>For each usage batch: every record is rated against the counters as the batch sees them
 * ({@link BatchCounters}); the decisions and the new values of the counters the batch changed are
 * appended to the rated journal as one excerpt; only then are the counters set, tagged with that
 * excerpt's index. On start, the last rated excerpt's counters are set again to the values it holds
 * (whatever a kill left them as) and rating resumes after the usage batch it covered.
 *
 * <p>A batch is rated by {@code threads} threads side by side ({@link RatingRound}), taking slices of
 * the accounts ({@link RatingPartition}) as they come free; decisions are journalled in record order
 * and changed counters in slice order, so they, the counters and everything exported from them are
 * the same whatever the number of threads.
 */
public final class RateRun {
    /** No rated excerpt (yet): chronicle indexes are never negative. */
    private static final long NONE = RatingRound.NONE;

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
    /** Names as UTF-8: encoded once per run, not once per batch. */
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
        try (HomeLock lock = HomeLock.acquire(home); HomeCounterKeys keys = HomeCounterKeys.open(HomeLayout.ids(home), reference.holdingCount())) {
            if (keys.isEmpty() && ratedBefore()) {
                throw new IOException("home " + home + " holds rated usage but no codes in " + HomeLayout.ids(home) + ": the identities its"
                        + " allowance counters are kept under are lost, and rating on would draw on the wrong ones. Restore "
                        + HomeLayout.ids(home) + " from a backup of the home");
            }
            NumberDirectory directory = NumberDirectory.build(reference, plans, keys);
            // the codes are durable before any excerpt or counter uses them
            keys.commit();
            return run(directory, progress);
        }
    }

    private boolean ratedBefore() {
        if (!java.nio.file.Files.isDirectory(HomeLayout.rated(home))) {
            return false;
        }
        try (RatedJournal rated = RatedJournal.open(HomeLayout.rated(home))) {
            return rated.last() != null;
        }
    }

    private Summary run(NumberDirectory directory, LongConsumer progress) throws IOException {
        try (UsageJournal usage = UsageJournal.open(HomeLayout.journal(home));
             RatedJournal rated = RatedJournal.open(HomeLayout.rated(home));
             MappedCounterStore store = Counters.open(home, directory.size());
             JournalCursor cursor = usage.cursor()) {
            RatedJournal.LastBatch last = rated.last();
            if (last != null) {
                replay(rated, store, last.ratedIndex());
            }
            RatingPartition[] partitions = new RatingPartition[RatingRound.SLICES];
            for (int p = 0; p < partitions.length; p++) {
                partitions[p] = new RatingPartition(directory, exchangeRates, store, closedPeriods);
            }
            RatingRound round = new RatingRound(directory, partitions);
            PartitionCrew crew = new PartitionCrew(threads);
            Map<RecordRater.Outcome, Long> outcomes = new EnumMap<>(RecordRater.Outcome.class);
            outcomeCounts = new long[RecordRater.Outcome.values().length];
            dictionary = new java.util.HashMap<>();
            encodedNames = new java.util.HashMap<>();
            encodedAccounts = new byte[directory.accountCount()][];
            accountWords = new int[directory.accountCount()];
            accountWordBatch = new int[directory.accountCount()];
            java.util.Arrays.fill(accountWordBatch, -1);
            this.directory = directory;
            long batches = 0;
            long previousRatedIndex = NONE;
            long recordsRated = 0;
            amount = 0;
            try (UsageReadAhead ahead = new UsageReadAhead(usage, last == null ? null : last.sourceIndex())) {
                // Each step of a batch is a method of its own, with one loop: C2 compiles a loop of a long
                // method by compiling the whole method again for each loop (on-stack replacement), and one
                // method holding all of them cost two seconds of compiling on a two-core machine.
                for (UsageReadAhead.Batch batch; (batch = ahead.next()) != null; ) {
                    long sourceIndex = batch.sourceIndex;
                    int count = batch.count;
                    batchDecisions.ensure(count);
                    // the counters of the batch before are set first, each slice its own (see below)
                    round.start(batch.records, count, batchDecisions, previousRatedIndex);
                    crew.run(round);
                    // the records are rated: the reading thread refills them while this one journals the decisions
                    ahead.recycle(batch);
                    int batchNumber = (int) batches;
                    encoder.start(sourceIndex, count);
                    encodeDecisions(count, batchNumber);
                    store.reserve(encodeCounters(partitions));
                    long ratedIndex = rated.append(encoder);
                    // The slices set the changed counters, tagged with this excerpt, at the start of the next
                    // round rather than in a round of their own: one hand-over per batch instead of two. A kill before
                    // they do leaves this excerpt last, and the next run replays its counters.
                    previousRatedIndex = ratedIndex;
                    batches++;
                    recordsRated += count;
                    progress.accept(recordsRated);
                }
                if (previousRatedIndex != NONE) {
                    round.startFlushOnly(previousRatedIndex);
                    crew.run(round);
                }
            } finally {
                crew.close();
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

    private final RatingPartition.Decisions batchDecisions = new RatingPartition.Decisions();
    private long[] outcomeCounts;
    private long amount;
    private final RatedBatchEncoder encoder = new RatedBatchEncoder();
    private final BatchCounters.CounterVisitor counterWriter = encoder::counter;
    private static final int RATED_CODE = RecordRater.Outcome.RATED.code();
    private final java.util.IdentityHashMap<TariffPlan, PlanWords> planWords = new java.util.IdentityHashMap<>();
    private PlanWords lastPlanWords;

    /** The batch's decisions, in record order, into the excerpt; counts outcomes and sums amounts. */
    private void encodeDecisions(int count, int batchNumber) {
        dictionary.clear();
        lastChargeCode = null;
        RatingPartition.Decisions decisions = batchDecisions;
        RatedBatchEncoder encoder = this.encoder;
        for (int i = 0; i < count; i++) {
            byte outcome = decisions.outcome[i];
            boolean ratedOk = outcome == RATED_CODE;
            TariffPlan plan = decisions.plan[i];
            PlanWords names = plan == null ? null : planWords(plan, batchNumber);
            encoder.decision(outcome, ratedOk ? accountWord(decisions.account[i], batchNumber) : -1,
                    names == null ? -1 : names.plan(),
                    ratedOk && decisions.destinationClass[i] >= 0 ? names.destinationClass(decisions.destinationClass[i]) : -1,
                    ratedOk ? names.currency() : -1, ratedOk ? chargeWord(decisions.chargeCode[i]) : -1, decisions.period[i], decisions.amountScaled[i], decisions.billedUnits[i],
                    decisions.allowanceUnits[i], decisions.chargedUnits[i], decisions.flags[i]);
            outcomeCounts[RecordRater.Outcome.ofCode(outcome).ordinal()]++;
            amount += decisions.amountScaled[i];
        }
    }

    /** The counters the batch changed, after its decisions; returns how many. */
    private int encodeCounters(RatingPartition[] partitions) {
        int changed = 0;
        for (RatingPartition partition : partitions) {
            changed += partition.counters().changedCount();
        }
        encoder.counters(changed);
        for (RatingPartition partition : partitions) {
            partition.counters().forEachChanged(counterWriter);
        }
        return changed;
    }

    /** A plan's names as the batch dictionary's references, assigned on first use in batch {@code batch}. */
    private final class PlanWords {
        final TariffPlan plan;
        int batch = -1;
        int planWord;
        int currencyWord;
        final int[] classWords;

        PlanWords(TariffPlan plan) {
            this.plan = plan;
            this.classWords = new int[plan.classifier().classCount()];
        }

        void startBatch(int batchNumber) {
            if (batch != batchNumber) {
                batch = batchNumber;
                planWord = -1;
                currencyWord = -1;
                java.util.Arrays.fill(classWords, -1);
            }
        }

        int plan() {
            if (planWord < 0) {
                planWord = word(plan.id());
            }
            return planWord;
        }

        int currency() {
            if (currencyWord < 0) {
                currencyWord = word(plan.currency().name());
            }
            return currencyWord;
        }

        int destinationClass(int classId) {
            if (classId >= classWords.length) {
                return word(plan.classifier().className(classId));
            }
            if (classWords[classId] < 0) {
                classWords[classId] = word(plan.classifier().className(classId));
            }
            return classWords[classId];
        }
    }

    private PlanWords planWords(TariffPlan plan, int batchNumber) {
        PlanWords names = lastPlanWords;
        if (names == null || names.plan != plan) {
            names = planWords.get(plan);
            if (names == null) {
                // not computeIfAbsent(plan, PlanWords::new): the constructor of an inner class captures this, a new object each call
                names = new PlanWords(plan);
                planWords.put(plan, names);
            }
            lastPlanWords = names;
        }
        names.startBatch(batchNumber);
        return names;
    }

    /** The batch dictionary's reference for an account's id, adding it the first time in batch {@code batchNumber}. */
    private int accountWord(int account, int batchNumber) {
        if (accountWordBatch[account] != batchNumber) {
            accountWordBatch[account] = batchNumber;
            byte[] encoded = encodedAccounts[account];
            if (encoded == null) {
                encoded = directory.accountId(account).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                encodedAccounts[account] = encoded;
            }
            accountWords[account] = encoder.word(encoded);
        }
        return accountWords[account];
    }

    /** The charge code of the record before and its word in this batch: a batch's records mostly repeat a few rules. */
    private String lastChargeCode;
    private int lastChargeWord;

    /** The batch dictionary's reference for a rule's charge code (the rule's own string, compared by identity first). */
    private int chargeWord(String chargeCode) {
        if (chargeCode != lastChargeCode) {
            lastChargeWord = word(chargeCode);
            lastChargeCode = chargeCode;
        }
        return lastChargeWord;
    }

    /** The batch dictionary's reference for a name, adding it the first time. */
    private int word(String name) {
        Integer reference = dictionary.get(name);
        if (reference == null) {
            reference = encoder.word(encodedNames.computeIfAbsent(name, n -> n.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
        rated.read(index, batch);
        for (int i = 0; i < batch.counters; i++) {
            store.set(batch.counterOwner[i], batch.counterBucket[i], batch.counterPeriod[i], batch.counterUsed[i], index);
        }
    }
}
