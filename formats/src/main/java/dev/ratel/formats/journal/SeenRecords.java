package dev.ratel.formats.journal;

import dev.ratel.formats.cdr.CdrRecord;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

/**
 * Which {@code (source, record_id)} pairs the journal already holds, in an off-heap Chronicle Map
 * under {@code HOME/seen} that survives restarts. One map operation per record.
 *
 * <p>A record is keyed by a 64-bit xxHash of source and id; the value packs the batch sequence that
 * took it (40 bits) with 24 more bits of a second, independent hash, so two records are taken for the
 * same only when 88 bits agree (a false match: below one in a million over ten billion records). The
 * rare records whose first hash collides with another's go to a second map keyed by the second hash.
 *
 * <p>Entries are written before their batch reaches the journal. An entry whose batch was never
 * committed (the run was killed in between) is stale: it does not count as seen and is overwritten,
 * so a resumed run takes the record again. The map is recovered with Chronicle's recovery when the
 * previous process did not close it.
 */
public final class SeenRecords implements Closeable {
    /** What {@link #markSeen} found. */
    public enum Seen { NEW, DUPLICATE }

    private static final LongHashFunction FIRST = LongHashFunction.xx_r39(0x0F1E_2D3C_4B5A_6978L);
    private static final LongHashFunction SECOND = LongHashFunction.xx_r39(0x7C6B_5A49_3827_1605L);
    private static final int SEQUENCE_BITS = 40;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final int BATCH_BITS = 24;

    private final ChronicleMap<LongValue, LongValue> primary;
    private final ChronicleMap<LongValue, LongValue> overflow;
    private final Path openMarker;
    private final LongValue key = Values.newHeapInstance(LongValue.class);
    private final LongValue value = Values.newHeapInstance(LongValue.class);
    private final byte[] keyBytes = new byte[2 * CdrRecord.MAX_ID_BYTES + 1];
    private final UsageJournal journal;

    private SeenRecords(ChronicleMap<LongValue, LongValue> primary, ChronicleMap<LongValue, LongValue> overflow,
                        Path openMarker, UsageJournal journal) {
        this.primary = primary;
        this.overflow = overflow;
        this.openMarker = openMarker;
        this.journal = journal;
    }

    /**
     * Opens the index in {@code directory}, sized for {@code expectedRecords} (it grows to ten times
     * that), judging staleness by {@code journal}.
     */
    public static SeenRecords open(Path directory, long expectedRecords, UsageJournal journal) throws IOException {
        Files.createDirectories(directory);
        Path marker = directory.resolve("open");
        boolean recover = Files.exists(marker);
        Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        ChronicleMap<LongValue, LongValue> primary = map(directory.resolve("seen.dat").toFile(), "seen", expectedRecords, recover);
        ChronicleMap<LongValue, LongValue> overflow = map(directory.resolve("seen-overflow.dat").toFile(), "seen-overflow",
                Math.max(1_000, expectedRecords / 1_000), recover);
        return new SeenRecords(primary, overflow, marker, journal);
    }

    private static ChronicleMap<LongValue, LongValue> map(File file, String name, long entries, boolean recover) throws IOException {
        ChronicleMapBuilder<LongValue, LongValue> builder = ChronicleMap.of(LongValue.class, LongValue.class)
                .name(name).entries(Math.max(1_000, entries)).maxBloatFactor(10);
        return recover && file.exists() ? builder.recoverPersistedTo(file, false) : builder.createPersistedTo(file);
    }

    /**
     * Marks the record as taken by the batch {@code batchSequence}, unless a committed batch or the
     * same batch already took it.
     */
    public Seen markSeen(CdrRecord record, long batchSequence) {
        int length = record.sourceLength;
        System.arraycopy(record.source, 0, keyBytes, 0, length);
        keyBytes[length] = 0;
        System.arraycopy(record.recordId, 0, keyBytes, length + 1, record.recordIdLength);
        length += 1 + record.recordIdLength;
        long first = FIRST.hashBytes(keyBytes, 0, length);
        long second = SECOND.hashBytes(keyBytes, 0, length);
        long check = second >>> (64 - BATCH_BITS);
        long packed = packedSequence(batchSequence) | (check << SEQUENCE_BITS);
        key.setValue(first);
        try (ExternalMapQueryContext<LongValue, LongValue, ?> context = primary.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<LongValue, LongValue> entry = context.entry();
            if (entry == null) {
                value.setValue(packed);
                context.insert(context.absentEntry(), context.wrapValueAsData(value));
                return Seen.NEW;
            }
            long existing = entry.value().get().getValue();
            if ((existing >>> SEQUENCE_BITS) == check) {
                if (taken(existing & SEQUENCE_MASK, batchSequence)) {
                    return Seen.DUPLICATE;
                }
                value.setValue(packed);
                context.replaceValue(entry, context.wrapValueAsData(value));
                return Seen.NEW;
            }
        }
        return markInOverflow(second, batchSequence);
    }

    private Seen markInOverflow(long second, long batchSequence) {
        key.setValue(second);
        try (ExternalMapQueryContext<LongValue, LongValue, ?> context = overflow.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<LongValue, LongValue> entry = context.entry();
            value.setValue(packedSequence(batchSequence));
            if (entry == null) {
                context.insert(context.absentEntry(), context.wrapValueAsData(value));
                return Seen.NEW;
            }
            if (taken(entry.value().get().getValue() & SEQUENCE_MASK, batchSequence)) {
                return Seen.DUPLICATE;
            }
            context.replaceValue(entry, context.wrapValueAsData(value));
            return Seen.NEW;
        }
    }

    private boolean taken(long packedSequence, long currentBatch) {
        long sequence = unpackSequence(packedSequence);
        return sequence == currentBatch || journal.committed(sequence);
    }

    /** Run number in the top 16 bits, batch in run in the low 24: 40 bits. */
    private static long packedSequence(long batchSequence) {
        long run = JournalLayout.runOf(batchSequence);
        long batch = JournalLayout.batchInRunOf(batchSequence);
        if (run >= (1L << 16) || batch >= (1L << BATCH_BITS)) {
            throw new IllegalStateException("batch sequence out of range: run " + run + ", batch " + batch);
        }
        return run << BATCH_BITS | batch;
    }

    private static long unpackSequence(long packed) {
        return JournalLayout.batchSequence(packed >>> BATCH_BITS, packed & ((1L << BATCH_BITS) - 1));
    }

    public long size() {
        return primary.longSize() + overflow.longSize();
    }

    @Override
    public void close() throws IOException {
        primary.close();
        overflow.close();
        Files.deleteIfExists(openMarker);
    }
}
