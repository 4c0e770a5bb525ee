package dev.ratel.core.state;

import dev.ratel.core.rating.CounterStore;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

/**
 * Allowance counters off-heap, in a Chronicle Map file that survives restarts: for each (owner,
 * bucket, period) the units used and the index of the rated-journal entry that last set it.
 *
 * <p>Exactly once: the rating job writes a batch's decisions and the new values of the counters it
 * changed to the rated journal first, then {@link #set sets} those counters, tagged with the entry's
 * index. After a kill the job sets the last entry's counters again: whatever state the kill left them
 * in (a value half written, an entry Chronicle's recovery salvaged), they end as the journal says.
 * Heap use does not grow with the number of counters. Not thread-safe per instance.
 */
public final class ChronicleCounterStore implements CounterStore, Closeable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChronicleCounterStore.class);
    private static final int BUCKET_BITS = 8;

    private final ChronicleMap<CounterKey, CounterValue> map;
    private final Path openMarker;
    /** Each thread's reusable key and values: the rating job reads and writes from several threads at once. */
    private final ThreadLocal<Flyweights> flyweights = ThreadLocal.withInitial(Flyweights::new);

    private static final class Flyweights {
        final CounterKey key = Values.newHeapInstance(CounterKey.class);
        final CounterValue value = Values.newHeapInstance(CounterValue.class);
        final CounterValue read = Values.newHeapInstance(CounterValue.class);
    }

    private ChronicleCounterStore(ChronicleMap<CounterKey, CounterValue> map, Path openMarker) {
        this.map = map;
        this.openMarker = openMarker;
    }

    /**
     * Opens (or creates) the counters under {@code directory}, sized for {@code expectedCounters}
     * (Chronicle grows it up to ten times). Recovers the file with Chronicle's recovery when the last
     * process did not close it; a caller that can rebuild the counters from its journal should use
     * {@link #open(Path, long, Rebuild)} instead.
     */
    public static ChronicleCounterStore open(Path directory, long expectedCounters) throws IOException {
        return open(directory, expectedCounters, null);
    }

    /** Fills freshly created, empty counters from the record they are derived from. */
    @FunctionalInterface
    public interface Rebuild {
        void into(ChronicleCounterStore empty) throws IOException;
    }

    /**
     * Opens (or creates) the counters under {@code directory}. When the last process did not close
     * them, or the file cannot be opened, the file is not trusted: it is replaced by an empty one that
     * {@code rebuild} fills. Chronicle's own recovery needs exclusive, uninterrupted access, and a kill
     * during it leaves a file nothing can open; a rebuild killed half-way is simply done again, since
     * the marker stays until a clean {@link #close}.
     *
     * @param rebuild fills empty counters; {@code null} to use Chronicle's recovery instead
     */
    public static ChronicleCounterStore open(Path directory, long expectedCounters, Rebuild rebuild) throws IOException {
        Files.createDirectories(directory);
        Path marker = directory.resolve("open");
        File file = directory.resolve("counters.dat").toFile();
        // a marker without a file is also a run that did not finish: one killed during an earlier rebuild,
        // between deleting the old file and creating the new; an empty map there would lose every counter
        boolean leftOpen = Files.exists(marker);
        Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        ChronicleMapBuilder<CounterKey, CounterValue> builder = ChronicleMap.of(CounterKey.class, CounterValue.class)
                .name("counters").entries(Math.max(1_000, expectedCounters)).maxBloatFactor(10);
        if (rebuild == null) {
            boolean recover = leftOpen && file.exists();
            return new ChronicleCounterStore(recover ? builder.recoverPersistedTo(file, false) : builder.createPersistedTo(file), marker);
        }
        if (!leftOpen) {
            try {
                return new ChronicleCounterStore(builder.createPersistedTo(file), marker);
            } catch (IOException | RuntimeException unreadable) {
                LOG.warn("counters {} cannot be opened ({}); rebuilding them", file, unreadable.toString());
            }
        } else {
            LOG.warn("counters {} were not closed by the last run; rebuilding them", file);
        }
        Files.deleteIfExists(file.toPath());
        ChronicleCounterStore fresh = new ChronicleCounterStore(builder.createPersistedTo(file), marker);
        try {
            rebuild.into(fresh);
        } catch (IOException | RuntimeException | Error failed) {
            fresh.map.close(); // the marker stays: the next open rebuilds again
            throw failed;
        }
        return fresh;
    }

    private Flyweights key(long owner, int bucketIndex, int period) {
        if (bucketIndex < 0 || bucketIndex >= (1 << BUCKET_BITS)) {
            throw new IllegalArgumentException("bucket index out of range: " + bucketIndex);
        }
        Flyweights mine = flyweights.get();
        mine.key.setOwner(owner);
        mine.key.setPeriodAndBucket(period << BUCKET_BITS | bucketIndex);
        return mine;
    }

    @Override
    public long used(long owner, int bucketIndex, int period) {
        Flyweights mine = key(owner, bucketIndex, period);
        CounterValue found = map.getUsing(mine.key, mine.read);
        return found == null ? 0 : found.getUsed();
    }

    /** Sets a counter to {@code used} as rated-journal entry {@code journalIndex} says, whatever it held. */
    public void set(long owner, int bucketIndex, int period, long used, long journalIndex) {
        Flyweights mine = key(owner, bucketIndex, period);
        CounterValue value = mine.value;
        value.setUsed(used);
        value.setLastApplied(journalIndex);
        try (ExternalMapQueryContext<CounterKey, CounterValue, ?> context = map.queryContext(mine.key)) {
            context.updateLock().lock();
            MapEntry<CounterKey, CounterValue> entry = context.entry();
            if (entry == null) {
                context.insert(context.absentEntry(), context.wrapValueAsData(value));
            } else {
                context.replaceValue(entry, context.wrapValueAsData(value));
            }
        }
    }

    /** Adds units outside the journal's protocol (tests, corrections): recorded as index -1. */
    @Override
    public void add(long owner, int bucketIndex, int period, long units) {
        apply(owner, bucketIndex, period, units, Long.MIN_VALUE);
    }

    /**
     * Adds {@code units} unless this counter already applied rated-journal entry {@code journalIndex}
     * or a later one.
     *
     * @return whether the units were added
     */
    public boolean apply(long owner, int bucketIndex, int period, long units, long journalIndex) {
        Flyweights mine = key(owner, bucketIndex, period);
        CounterValue value = mine.value;
        try (ExternalMapQueryContext<CounterKey, CounterValue, ?> context = map.queryContext(mine.key)) {
            context.updateLock().lock();
            MapEntry<CounterKey, CounterValue> entry = context.entry();
            if (entry == null) {
                value.setUsed(units);
                value.setLastApplied(journalIndex);
                context.insert(context.absentEntry(), context.wrapValueAsData(value));
                return true;
            }
            CounterValue current = entry.value().getUsing(mine.read);
            if (journalIndex != Long.MIN_VALUE && current.getLastApplied() >= journalIndex) {
                return false;
            }
            value.setUsed(Math.addExact(current.getUsed(), units));
            value.setLastApplied(journalIndex == Long.MIN_VALUE ? current.getLastApplied() : journalIndex);
            context.replaceValue(entry, context.wrapValueAsData(value));
            return true;
        }
    }

    /** The rated-journal index this counter last applied, or {@link Long#MIN_VALUE}. */
    public long lastApplied(long owner, int bucketIndex, int period) {
        Flyweights mine = key(owner, bucketIndex, period);
        CounterValue found = map.getUsing(mine.key, mine.read);
        return found == null ? Long.MIN_VALUE : found.getLastApplied();
    }

    public long size() {
        return map.longSize();
    }

    /** Visits every counter (owner, bucket, period, used), in no particular order: for reports and checks. */
    public void forEach(CounterVisitor visitor) {
        map.forEach((k, v) -> visitor.visit(k.getOwner(), k.getPeriodAndBucket() & ((1 << BUCKET_BITS) - 1),
                k.getPeriodAndBucket() >>> BUCKET_BITS, v.getUsed()));
    }

    /** Receives one counter. */
    public interface CounterVisitor {
        void visit(long owner, int bucketIndex, int period, long used);
    }

    @Override
    public void close() throws IOException {
        map.close();
        Files.deleteIfExists(openMarker);
    }
}
