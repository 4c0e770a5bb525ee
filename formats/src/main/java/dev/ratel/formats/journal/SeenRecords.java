package dev.ratel.formats.journal;

import dev.ratel.core.state.DiskSpace;
import dev.ratel.formats.cdr.CdrRecord;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import net.openhft.chronicle.algo.hashing.LongHashFunction;

/**
 * Which {@code (source, record_id)} pairs the journal already holds: an off-heap, memory-mapped
 * hash table under {@code HOME/seen} that survives restarts and kills.
 *
 * <p><b>Why not Chronicle Map.</b> The index is touched once for every record ingested. Chronicle
 * Map took 1.1 µs per lookup-and-insert in this workload on the 2-core build machine, which alone
 * holds ingest under a million records a second; this table, one open-addressing probe into a
 * mapped file, takes a fraction of that (see {@code docs/performance.md}). It is the one place the
 * hot path needed its own structure.
 *
 * <p><b>Layout.</b> A 64-byte header (magic, slot count, used slots) and then 16-byte slots:
 * {@code long key, long value}. The key is a 64-bit xxHash of source, a zero byte and record id (0
 * means empty; a hash of 0 is stored as 1). The value packs 24 bits of a second, independent hash
 * (the check) above the 40-bit batch sequence that took the record. Two records count as the same
 * only when key and check agree, 88 bits: a false match is below one in a million over ten billion
 * records. Probing is linear; the table doubles (rehashed into a new file, then renamed into place)
 * past 70 % full.
 *
 * <p><b>Crashes.</b> A slot is marked before its batch reaches the journal. A mark whose batch was
 * never committed (the run was killed in between) is stale: it does not count as seen and is
 * overwritten, so a resumed run takes the record again. The value is written before the key, so
 * after a kill a slot is either empty or complete; a value of 0 counts as stale.
 */
public final class SeenRecords implements Closeable {
    /** What {@link #markSeen} found. */
    public enum Seen { NEW, DUPLICATE }

    private static final LongHashFunction FIRST = LongHashFunction.xx_r39(0x0F1E_2D3C_4B5A_6978L);
    private static final LongHashFunction SECOND = LongHashFunction.xx_r39(0x7C6B_5A49_3827_1605L);
    private static final long MAGIC = 0x5241_5445_4C53_4545L; // "RATELSEE"
    private static final int HEADER_BYTES = 64;
    private static final int SLOT_BYTES = 16;
    private static final int SEGMENT_SHIFT = 26; // 2^26 slots = 1 GiB per mapped segment
    private static final long SEGMENT_SLOTS = 1L << SEGMENT_SHIFT;
    private static final int SEQUENCE_BITS = 40;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final int BATCH_BITS = 24;
    private static final long MIN_SLOTS = 1L << 20;
    /**
     * The largest table created up front (2 GiB, 134 million slots: 94 million records). A table
     * sized for the records expected is cheaper than one reached by doubling, now that its pages are
     * faulted in order on the other core while ingest begins: each doubling rehashes every key into
     * a fresh file and forces it to disk. Measured with {@code benchmarks/ingest-throughput}: 50 M
     * records in 20.9 s sized up front against 22.2 s grown from 64 MiB (whose five doublings took
     * 6.3 s of rehashing and 1.5 s of forcing); 5 M in 1.38-1.46 s against 1.59-1.61.
     */
    private static final long MAX_INITIAL_SLOTS = 1L << 27;

    private final Path directory;
    private final UsageJournal journal;
    private final byte[] keyBytes = new byte[2 * CdrRecord.MAX_ID_BYTES + 1];
    private long[] batchKeys = new long[1024];
    private long[] batchValues = new long[1024];
    private Path file;
    private FileChannel channel;
    private MappedByteBuffer header;
    private MappedByteBuffer[] segments;
    private long slots;
    private long mask;
    private long used;
    private long growAt;
    private Thread pretoucher;
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final DiskSpace space;

    private SeenRecords(Path directory, UsageJournal journal) {
        this.space = new DiskSpace(directory, directory.toAbsolutePath().getParent());
        this.directory = directory;
        this.journal = journal;
    }

    /**
     * Opens the index in {@code directory}, sized for {@code expectedRecords} at first (up to 2 GiB;
     * it grows as needed), judging staleness by {@code journal}.
     */
    public static SeenRecords open(Path directory, long expectedRecords, UsageJournal journal) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> leftovers = Files.list(directory)) {
            for (Path leftover : (Iterable<Path>) leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp"))::iterator) {
                Files.delete(leftover); // a rehash interrupted by a kill; the old table is intact
            }
        }
        SeenRecords seen = new SeenRecords(directory, journal);
        Path file = directory.resolve("seen.idx");
        if (Files.exists(file)) {
            seen.map(file, -1);
        } else {
            long slots = Math.min(MAX_INITIAL_SLOTS, Long.highestOneBit(Math.max(MIN_SLOTS, expectedRecords * 10 / 7 + 1) - 1) << 1);
            Path temporary = directory.resolve("seen.idx.tmp");
            seen.map(temporary, slots);
            seen.close();
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            seen.map(file, -1);
        }
        return seen;
    }

    /** Maps a table file; with {@code newSlots > 0} creates it empty with that many slots. */
    private void map(Path path, long newSlots) throws IOException {
        if (newSlots > 0) {
            // every page of the table is written (touched ahead, then filled): a page the device has no room for would
            // not fail, it would kill the process
            space.require(HEADER_BYTES + newSlots * SLOT_BYTES);
        }
        file = path;
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (newSlots > 0) {
            channel.truncate(0);
            header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            header.order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(8, newSlots);
            header.putLong(16, 0);
            header.putLong(0, MAGIC);
        } else {
            if (channel.size() < HEADER_BYTES) {
                throw new IOException(path + " is not a Ratel duplicate index (too short); delete it to rebuild from the journal");
            }
            header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            header.order(ByteOrder.LITTLE_ENDIAN);
            if (header.getLong(0) != MAGIC) {
                throw new IOException(path + " is not a Ratel duplicate index; delete it to rebuild from the journal");
            }
        }
        slots = header.getLong(8);
        mask = slots - 1;
        used = header.getLong(16);
        growAt = slots / 10 * 7;
        int count = (int) ((slots + SEGMENT_SLOTS - 1) >>> SEGMENT_SHIFT);
        segments = new MappedByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long firstSlot = (long) i << SEGMENT_SHIFT;
            long bytes = Math.min(SEGMENT_SLOTS, slots - firstSlot) * SLOT_BYTES;
            segments[i] = channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES + firstSlot * SLOT_BYTES, bytes);
            segments[i].order(ByteOrder.LITTLE_ENDIAN);
        }
        startPretouching(segments);
    }

    /**
     * Faults the table's pages in, in order, on a background thread (the machine's other core). A
     * fresh file's pages touched at random cost up to a third of a millisecond each here, in order
     * a few microseconds. Each page is touched by a compare-and-set of 0 to 0 on its first slot key,
     * which maps the page for writing and can never change a slot the ingest thread writes.
     */
    private void startPretouching(MappedByteBuffer[] mapped) {
        stopPretouching();
        Thread thread = new Thread(() -> {
            for (MappedByteBuffer segment : mapped) {
                for (int offset = 0; offset < segment.capacity() && !Thread.currentThread().isInterrupted(); offset += 4096) {
                    LONGS.compareAndSet(segment, offset, 0L, 0L);
                }
            }
        }, "ratel-seen-pretouch");
        thread.setDaemon(true);
        thread.start();
        pretoucher = thread;
    }

    private void stopPretouching() {
        if (pretoucher != null) {
            pretoucher.interrupt();
            try {
                pretoucher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pretoucher = null;
        }
    }

    /**
     * Marks the record as taken by the batch {@code batchSequence}, unless a committed batch or the
     * same batch already took it.
     */
    public Seen markSeen(CdrRecord record, long batchSequence) throws IOException {
        hash(record, 0, batchSequence);
        return probe(batchKeys[0], batchValues[0], batchSequence) ? Seen.DUPLICATE : Seen.NEW;
    }

    /**
     * Marks {@code count} records at once, in order, as {@link #markSeen} would one by one, and sets
     * {@code duplicate[i]} for those already taken. Hashing all first and then probing in one tight
     * loop lets the processor overlap the cache misses of many probes.
     */
    public void markSeen(CdrRecord[] records, int count, long batchSequence, boolean[] duplicate) throws IOException {
        if (batchKeys.length < count) {
            batchKeys = new long[count];
            batchValues = new long[count];
        }
        for (int i = 0; i < count; i++) {
            hash(records[i], i, batchSequence);
        }
        for (int from = 0; from < count; from += TOUCH_AHEAD) {
            int to = Math.min(count, from + TOUCH_AHEAD);
            touch(from, to);
            for (int i = from; i < to; i++) {
                duplicate[i] = probe(batchKeys[i], batchValues[i], batchSequence);
            }
        }
    }

    /**
     * Records whose home slots are read together before they are probed: the reads do not depend on
     * each other, so the processor has their cache and TLB misses in flight at once, where the probes,
     * one after another, would wait for each in turn. Measured with {@code benchmarks/ingest-throughput
     * 50000000} (a 2 GiB index): 24.6-26.4 s without, 21.2-21.8 s with.
     */
    private static final int TOUCH_AHEAD = 64;
    /** Where the touched words go, so the reads are not optimised away. */
    private long touched;

    private void touch(int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            long slot = batchKeys[i] & mask;
            sum += segments[(int) (slot >>> SEGMENT_SHIFT)].getLong((int) (slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES);
        }
        touched += sum;
    }

    /** Puts the record's key and slot value (check and batch sequence) at {@code index} of the batch arrays. */
    private void hash(CdrRecord record, int index, long batchSequence) {
        int length = record.sourceLength;
        System.arraycopy(record.source, 0, keyBytes, 0, length);
        keyBytes[length] = 0;
        System.arraycopy(record.recordId, 0, keyBytes, length + 1, record.recordIdLength);
        length += 1 + record.recordIdLength;
        long key = FIRST.hashBytes(keyBytes, 0, length);
        long check = SECOND.hashBytes(keyBytes, 0, length) >>> (64 - BATCH_BITS);
        batchKeys[index] = key == 0 ? 1 : key;
        batchValues[index] = (check << SEQUENCE_BITS) | packedSequence(batchSequence);
    }

    /** Inserts or finds the key; true when it was already taken by a committed batch or this one. */
    private boolean probe(long key, long value, long batchSequence) throws IOException {
        long check = value >>> SEQUENCE_BITS;
        long slot = key & mask;
        while (true) {
            MappedByteBuffer segment = segments[(int) (slot >>> SEGMENT_SHIFT)];
            int offset = (int) (slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES;
            long slotKey = segment.getLong(offset);
            if (slotKey == 0) {
                segment.putLong(offset + 8, value);
                segment.putLong(offset, key);
                used++;
                header.putLong(16, used);
                if (used >= growAt) {
                    grow();
                }
                return false;
            }
            if (slotKey == key) {
                long existing = segment.getLong(offset + 8);
                if ((existing >>> SEQUENCE_BITS) == check) {
                    if (existing != 0 && taken(existing & SEQUENCE_MASK, batchSequence)) {
                        return true;
                    }
                    segment.putLong(offset + 8, value);
                    return false;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Doubles the table into a new file, then renames it into place. */
    private void grow() throws IOException {
        MappedByteBuffer[] old = segments;
        long oldSlots = slots;
        Path target = file;
        Path temporary = directory.resolve("seen.idx.grow.tmp");
        FileChannel oldChannel = channel;
        stopPretouching();
        map(temporary, oldSlots * 2);
        long moved = 0;
        for (long s = 0; s < oldSlots; s++) {
            MappedByteBuffer segment = old[(int) (s >>> SEGMENT_SHIFT)];
            int offset = (int) (s & (SEGMENT_SLOTS - 1)) * SLOT_BYTES;
            long key = segment.getLong(offset);
            if (key == 0) {
                continue;
            }
            long slot = key & mask;
            while (true) {
                MappedByteBuffer to = segments[(int) (slot >>> SEGMENT_SHIFT)];
                int at = (int) (slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES;
                if (to.getLong(at) == 0) {
                    to.putLong(at + 8, segment.getLong(offset + 8));
                    to.putLong(at, key);
                    break;
                }
                slot = (slot + 1) & mask;
            }
            moved++;
        }
        used = moved;
        header.putLong(16, used);
        force();
        oldChannel.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    private boolean taken(long packedSequence, long currentBatch) {
        long sequence = JournalLayout.batchSequence(packedSequence >>> BATCH_BITS, packedSequence & ((1L << BATCH_BITS) - 1));
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

    /** Slots in use (records marked, stale ones included). */
    public long size() {
        return used;
    }

    public long capacity() {
        return slots;
    }

    private void force() {
        header.force();
        for (MappedByteBuffer segment : segments) {
            segment.force();
        }
    }

    @Override
    public void close() throws IOException {
        stopPretouching();
        if (channel != null && channel.isOpen()) {
            channel.close();
        }
    }
}
