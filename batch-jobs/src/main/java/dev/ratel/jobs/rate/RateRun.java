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
import dev.ratel.formats.journal.Varints;
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
            words = new java.util.ArrayList<>();
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
                    encodeDecisions(count, batchNumber);
                    store.reserve(encodeCounters(partitions));
                    encodeHead(sourceIndex, count);
                    long ratedIndex = rated.append(writeExcerpt);
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
    private final java.util.function.Consumer<Bytes<?>> writeExcerpt = out -> {
        out.write(this.dictionaryBytes.bytes, 0, this.dictionaryBytes.length);
        out.write(this.encoded.bytes, 0, this.encoded.length);
    };

    /** The batch's decisions, in record order, into {@link #encoded}; counts outcomes and sums amounts. */
    private void encodeDecisions(int count, int batchNumber) {
        dictionary.clear();
        words.clear();
        RatingPartition.Decisions decisions = batchDecisions;
        Encoded encoded = this.encoded;
        encoded.reset(4 + count * DECISION_MAX_BYTES);
        int lengthAt = encoded.skipInt();
        byte[] bytes = encoded.bytes;
        int at = encoded.length;
        int previousPeriod = 0;
        for (int i = 0; i < count; i++) {
            int outcome = decisions.outcome[i];
            boolean ratedOk = outcome == RecordRater.Outcome.RATED.ordinal();
            TariffPlan plan = decisions.plan[i];
            PlanWords names = plan == null ? null : planWords(plan, batchNumber);
            // dictionary references + 1, so "none" (-1) is the one-byte 0
            bytes[at++] = (byte) outcome;
            at = Varints.putUnsigned(bytes, at, ratedOk ? accountWord(decisions.account[i], batchNumber) + 1 : 0);
            at = Varints.putUnsigned(bytes, at, names == null ? 0 : names.plan() + 1);
            at = Varints.putUnsigned(bytes, at, ratedOk && decisions.destinationClass[i] >= 0
                    ? names.destinationClass(decisions.destinationClass[i]) + 1 : 0);
            at = Varints.putUnsigned(bytes, at, ratedOk ? names.currency() + 1 : 0);
            at = Varints.putSigned(bytes, at, decisions.period[i] - previousPeriod);
            previousPeriod = decisions.period[i];
            at = Varints.putSigned(bytes, at, decisions.amountScaled[i]);
            at = Varints.putSigned(bytes, at, decisions.billedUnits[i]);
            at = Varints.putSigned(bytes, at, decisions.allowanceUnits[i]);
            at = Varints.putSigned(bytes, at, decisions.chargedUnits[i]);
            bytes[at++] = decisions.flags[i];
            outcomeCounts[outcome]++;
            amount += decisions.amountScaled[i];
        }
        encoded.length = at;
        encoded.patchInt(lengthAt, at - lengthAt - 4);
    }

    /** The counters the batch changed, after its decisions; returns how many. */
    private int encodeCounters(RatingPartition[] partitions) {
        int changed = 0;
        for (RatingPartition partition : partitions) {
            changed += partition.counters().changedCount();
        }
        encoded.ensure(8 + changed * COUNTER_MAX_BYTES);
        encoded.putInt(changed);
        int lengthAt = encoded.skipInt();
        encoded.previousCounterPeriod = 0;
        for (RatingPartition partition : partitions) {
            partition.counters().forEachChanged(encoded);
        }
        encoded.patchInt(lengthAt, encoded.length - lengthAt - 4);
        return changed;
    }

    /** The excerpt's head: the usage batch, its record count and the batch dictionary. */
    private void encodeHead(long sourceIndex, int count) {
        Encoded head = dictionaryBytes;
        head.reset(16);
        head.putLong(sourceIndex);
        head.putInt(count);
        head.putInt(words.size());
        for (int i = 0; i < words.size(); i++) {
            // as Chronicle's writeUtf8 writes it: a stop-bit length in UTF-8 bytes, then the bytes
            byte[] word = words.get(i);
            head.putStopBit(word.length);
            head.putBytes(word);
        }
    }

    /** The most bytes of a packed decision: outcome, four word references and a period difference, four longs, flags. */
    private static final int DECISION_MAX_BYTES = 1 + 5 * 5 + 4 * Varints.MAX_BYTES + 1;
    /** The most bytes of a packed changed counter: owner, bucket, period difference, units used. */
    private static final int COUNTER_MAX_BYTES = Varints.MAX_BYTES + 5 + 5 + Varints.MAX_BYTES;
    private final Encoded encoded = new Encoded();
    /** The excerpt's head: usage batch, record count and the batch dictionary. */
    private final Encoded dictionaryBytes = new Encoded();
    private final java.util.IdentityHashMap<TariffPlan, PlanWords> planWords = new java.util.IdentityHashMap<>();
    private PlanWords lastPlanWords;

    /**
     * The part of a rated excerpt after its dictionary, in the byte order Chronicle's {@code Bytes}
     * writes (little-endian), built in a heap array: a field at a time through {@code Bytes} cost a
     * bounds and a thread-safety check per field on the run's one serial thread.
     */
    private static final class Encoded implements BatchCounters.CounterVisitor {
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = new byte[64 * 1024];
        int length;

        /** Starts over, with room for {@code capacity} bytes. */
        void reset(int capacity) {
            length = 0;
            ensure(capacity);
        }

        /** Makes room for {@code more} bytes after those written. */
        void ensure(int more) {
            if (bytes.length < length + more) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
            }
        }

        void putInt(int value) {
            INT.set(bytes, length, value);
            length += 4;
        }

        void putLong(long value) {
            LONG.set(bytes, length, value);
            length += 8;
        }

        /** Leaves room for an int written later ({@link #patchInt}); returns where. */
        int skipInt() {
            length += 4;
            return length - 4;
        }

        void patchInt(int at, int value) {
            INT.set(bytes, at, value);
        }

        /** A non-negative length as Chronicle's stop-bit encoding writes it: 7 bits a byte, low first, high bit = more. */
        void putStopBit(int value) {
            ensure(5);
            length = Varints.putUnsigned(bytes, length, value);
        }

        void putBytes(byte[] value) {
            ensure(value.length);
            System.arraycopy(value, 0, bytes, length, value.length);
            length += value.length;
        }

        /** The period of the counter written last: each counter's is written as the difference. */
        int previousCounterPeriod;

        @Override
        public void visit(long owner, int bucket, int period, long used) {
            int at = Varints.putSigned(bytes, length, owner);
            at = Varints.putUnsigned(bytes, at, bucket);
            at = Varints.putSigned(bytes, at, period - previousCounterPeriod);
            previousCounterPeriod = period;
            length = Varints.putSigned(bytes, at, used);
        }
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
            names = planWords.computeIfAbsent(plan, PlanWords::new);
            lastPlanWords = names;
        }
        names.startBatch(batchNumber);
        return names;
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
        rated.read(index, batch);
        for (int i = 0; i < batch.counters; i++) {
            store.set(batch.counterOwner[i], batch.counterBucket[i], batch.counterPeriod[i], batch.counterUsed[i], index);
        }
    }
}
