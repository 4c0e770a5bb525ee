package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.state.ChronicleCounterStore;
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
 * <p>This is the rating step without its Spring Batch frame, partitions and Parquet export, which
 * come next.
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
    private java.util.List<String> words;

    private final java.util.Set<Integer> closedPeriods;

    public RateRun(Path home, Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates) {
        this(home, plans, reference, exchangeRates, java.util.Set.of());
    }

    /** @param closedPeriods periods already invoiced ({@code year * 12 + month - 1}), whose late usage goes to the next open one */
    public RateRun(Path home, Map<String, TariffPlan> plans, ReferenceData reference, ExchangeRates exchangeRates,
                   java.util.Set<Integer> closedPeriods) {
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
             ChronicleCounterStore store = ChronicleCounterStore.open(home.resolve("counters"), Math.max(10_000, directory.size() * 4L));
             JournalCursor cursor = usage.cursor()) {
            RatedJournal.LastBatch last = rated.last();
            if (last != null) {
                replay(rated, store, last.ratedIndex());
                cursor.startAfter(last.sourceIndex());
            }
            BatchCounters counters = new BatchCounters(store);
            RecordRater rater = new RecordRater(directory, new Rater(exchangeRates), counters, closedPeriods);
            Bytes<?> decisions = Bytes.allocateElasticDirect(64 * 1024);
            Map<RecordRater.Outcome, Long> outcomes = new EnumMap<>(RecordRater.Outcome.class);
            long[] outcomeCounts = new long[RecordRater.Outcome.values().length];
            CdrRecord record = new CdrRecord();
            dictionary = new java.util.HashMap<>();
            words = new java.util.ArrayList<>();
            long batches = 0;
            long records = 0;
            long amount = 0;
            try {
                while (cursor.nextBatch()) {
                    long sourceIndex = cursor.index();
                    decisions.clear();
                    dictionary.clear();
                    words.clear();
                    int count = 0;
                    while (cursor.nextRecord(record)) {
                        RecordRater.Outcome outcome = rater.rate(record);
                        rater.apply();
                        RatingResult result = rater.result();
                        boolean ratedOk = outcome == RecordRater.Outcome.RATED;
                        TariffPlan plan = rater.plan();
                        decisions.writeByte((byte) outcome.ordinal());
                        decisions.writeInt(ratedOk ? word(directory.accountId(rater.accountIndex())) : -1);
                        decisions.writeInt(plan == null ? -1 : word(plan.id()));
                        decisions.writeInt(ratedOk && result.destinationClass >= 0
                                ? word(plan.classifier().className(result.destinationClass)) : -1);
                        decisions.writeInt(ratedOk ? word(plan.currency().name()) : -1);
                        decisions.writeInt(ratedOk ? rater.period() : 0);
                        decisions.writeLong(ratedOk ? result.amountScaled : 0);
                        decisions.writeLong(ratedOk ? result.billedUnits : 0);
                        decisions.writeLong(ratedOk ? result.allowanceUnits : 0);
                        decisions.writeLong(ratedOk ? result.chargedUnits : 0);
                        decisions.writeByte((byte) ((ratedOk && result.throttled ? RatedBatch.THROTTLED : 0)
                                | (ratedOk && rater.late() ? RatedBatch.LATE : 0)));
                        outcomeCounts[outcome.ordinal()]++;
                        if (ratedOk) {
                            amount += result.amountScaled;
                        }
                        count++;
                    }
                    int recordCount = count;
                    long ratedIndex = rated.append(out -> {
                        out.writeLong(sourceIndex);
                        out.writeInt(recordCount);
                        out.writeInt(words.size());
                        for (String word : words) {
                            out.writeUtf8(word);
                        }
                        out.write(decisions);
                        out.writeInt(counters.changedCount());
                        counters.forEachChanged((owner, bucket, period, used) -> {
                            out.writeLong(owner);
                            out.writeInt(bucket);
                            out.writeInt(period);
                            out.writeLong(used);
                        });
                    });
                    counters.flush(ratedIndex);
                    batches++;
                    records += count;
                    progress.accept(records);
                }
            } finally {
                decisions.releaseLast();
            }
            for (RecordRater.Outcome outcome : RecordRater.Outcome.values()) {
                if (outcomeCounts[outcome.ordinal()] > 0) {
                    outcomes.put(outcome, outcomeCounts[outcome.ordinal()]);
                }
            }
            Path rejectsFile = RatingRejects.write(home, usage, rated, cursor);
            return new Summary(batches, records, outcomes, amount, last != null, rejectsFile);
        }
    }

    /** The batch dictionary's reference for a name, adding it the first time. */
    private int word(String name) {
        Integer reference = dictionary.get(name);
        if (reference == null) {
            reference = words.size();
            words.add(name);
            dictionary.put(name, reference);
        }
        return reference;
    }

    /**
     * Sets the counters of rated excerpt {@code index} to the values it holds, whatever a kill left
     * them as. Earlier excerpts were fully set before the next batch began.
     */
    private static void replay(RatedJournal rated, ChronicleCounterStore store, long index) {
        RatedBatch batch = new RatedBatch();
        rated.read(index, batch::read);
        for (int i = 0; i < batch.counters; i++) {
            store.set(batch.counterOwner[i], batch.counterBucket[i], batch.counterPeriod[i], batch.counterUsed[i], index);
        }
    }
}
