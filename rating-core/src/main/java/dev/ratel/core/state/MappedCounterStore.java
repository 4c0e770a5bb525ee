package dev.ratel.core.state;

import dev.ratel.core.rating.CounterStore;
import java.io.Closeable;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allowance counters off-heap, in a memory-mapped hash table ({@code counters.dat}) that survives
 * restarts: for each (owner, bucket, period) the units used and the index of the rated-journal
 * entry that last set it.
 *
 * <p><b>Exactly once.</b> The rating job writes a batch's decisions and the new values of the
 * counters it changed to the rated journal first, then {@link #set sets} those counters, tagged with
 * the entry's index. A run that did not close the counters (a kill, a power cut) left the marker
 * {@code open} behind; the next {@link #open(Path, long, Rebuild) open} does not trust the file and
 * rebuilds it from the rated journal, where every changed counter's value is.
 *
 * <p><b>Why not Chronicle Map.</b> It held the counters until rating was measured: a read and a write
 * of a Chronicle Map entry per record (about 1 µs each here, with its segment locks and key
 * serialisation) were 40 % of rating's time, and building its key and value classes ran javac at
 * every start. One open-addressing probe into a mapped file costs a cache miss or two. Chronicle
 * Map's crash recovery is not needed: counters left open are rebuilt from the journal.
 *
 * <p><b>Layout.</b> A 64-byte header (magic, slot count, used slots at the last close) and 32-byte
 * slots: {@code long owner, int period << 16 | bucket code, int state, long used, long lastApplied}; state 0
 * is empty, 1 being written, 2 complete. Owners and bucket codes are durable identities
 * ({@link dev.ratel.core.rating.CounterKeys}). A table of the first layout (8-bit bucket positions,
 * magic {@code RTELCCNT}) is not read: it is rebuilt from the rated journal. Linear probing; the table doubles (rehashed into a new file,
 * then renamed into place) past 60 % full.
 *
 * <p><b>Threads.</b> Several threads may read and {@link #set} counters at once, each its own
 * counters (the rating job's partitions own disjoint accounts): a slot is claimed by compare-and-set
 * of its state and published complete. Only growing needs the table to itself: a writer from several
 * threads {@link #reserve reserves} room for its inserts first, from one thread.
 */
public final class MappedCounterStore implements CounterStore, Closeable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MappedCounterStore.class);
    private static final long MAGIC = 0x3254_4E43_4C45_5452L; // "RTELCNT2": owners and buckets by identity
    private static final int HEADER_BYTES = 64;
    private static final int SLOT_BYTES = 32;
    private static final int SEGMENT_SHIFT = 25; // 2^25 slots = 1 GiB per mapped segment
    private static final long SEGMENT_SLOTS = 1L << SEGMENT_SHIFT;
    private static final long MIN_SLOTS = 1L << 12;
    private static final int BUCKET_BITS = 16;
    private static final int EMPTY = 0;
    private static final int WRITING = 1;
    private static final int COMPLETE = 2;
    private static final int OWNER = 0;
    private static final int KEY = 8;
    private static final int STATE = 12;
    private static final int USED = 16;
    private static final int LAST_APPLIED = 24;
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path directory;
    private final Path openMarker;
    private FileChannel channel;
    private MappedByteBuffer header;
    private MappedByteBuffer[] segments;
    private long slots;
    private long mask;
    private int shift;
    private long growAt;
    private final AtomicLong used = new AtomicLong();

    private final DiskSpace space;

    private MappedCounterStore(Path directory, Path openMarker) {
        this.directory = directory;
        this.openMarker = openMarker;
        this.space = new DiskSpace(directory, directory.toAbsolutePath().getParent());
    }

    /** Fills freshly created, empty counters from the record they are derived from. */
    @FunctionalInterface
    public interface Rebuild {
        void into(MappedCounterStore empty) throws IOException;
    }

    /**
     * Opens (or creates) the counters under {@code directory}, sized for {@code expectedCounters} at
     * first, trusting a file a killed process left open (a set it did not finish is dropped). A
     * caller that can rebuild the counters from its journal uses {@link #open(Path, long, Rebuild)}.
     */
    public static MappedCounterStore open(Path directory, long expectedCounters) throws IOException {
        return open(directory, expectedCounters, null);
    }

    /**
     * Opens (or creates) the counters under {@code directory}. When the last process did not close
     * them, or the file cannot be read, the file is not trusted: it is replaced by an empty one that
     * {@code rebuild} fills. A rebuild killed half-way is simply done again, since the marker stays
     * until a clean {@link #close}.
     *
     * @param rebuild fills empty counters; {@code null} to trust the file as it is
     */
    public static MappedCounterStore open(Path directory, long expectedCounters, Rebuild rebuild) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve("counters.dat.tmp")); // a growth a kill interrupted; the old table is whole
        Path marker = directory.resolve("open");
        Path file = directory.resolve("counters.dat");
        // a marker without a file is also a run that did not finish: one killed during an earlier rebuild,
        // between deleting the old file and creating the new; an empty table there would lose every counter
        boolean leftOpen = Files.exists(marker);
        Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
        MappedCounterStore store = new MappedCounterStore(directory, marker);
        if (rebuild != null && leftOpen) {
            LOG.warn("counters {} were not closed by the last run; rebuilding them", file);
            return store.rebuilt(file, expectedCounters, rebuild);
        }
        try {
            if (Files.exists(file)) {
                store.map(file);
                if (leftOpen) {
                    store.dropUnfinished();
                }
            } else {
                store.create(file, slotsFor(expectedCounters));
            }
            return store;
        } catch (IOException | RuntimeException unreadable) {
            store.unmap();
            if (rebuild == null) {
                throw unreadable;
            }
            LOG.warn("counters {} cannot be read ({}); rebuilding them", file, unreadable.toString());
            return store.rebuilt(file, expectedCounters, rebuild);
        }
    }

    private MappedCounterStore rebuilt(Path file, long expectedCounters, Rebuild rebuild) throws IOException {
        Files.deleteIfExists(file);
        create(file, slotsFor(expectedCounters));
        try {
            rebuild.into(this);
        } catch (IOException | RuntimeException | Error failed) {
            unmap(); // the marker stays: the next open rebuilds again
            throw failed;
        }
        return this;
    }

    private static long slotsFor(long counters) {
        return Math.max(MIN_SLOTS, Long.highestOneBit(Math.max(1, counters * 5 / 3)) << 1);
    }

    /** Creates an empty table of {@code newSlots} slots under a temporary name, then renames it into place and maps it. */
    private void create(Path file, long newSlots) throws IOException {
        // every page is touched at once: a page the device has no room for would kill the process, not fail
        space.require(HEADER_BYTES + newSlots * SLOT_BYTES);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel fresh = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer head = fresh.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            head.order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(8, newSlots);
            head.putLong(16, 0);
            head.putLong(0, MAGIC);
            // the pages are first touched in order here rather than at random by the first inserts
            MappedByteBuffer[] parts = mapSegments(fresh, newSlots);
            for (MappedByteBuffer part : parts) {
                for (int page = 0; page < part.capacity(); page += 4096) {
                    part.put(page, (byte) 0);
                }
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        map(file);
    }

    private void map(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (channel.size() < HEADER_BYTES) {
            throw new IOException(file + " is not a Ratel counter table (too short)");
        }
        header = channel.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
        header.order(ByteOrder.LITTLE_ENDIAN);
        long count = header.getLong(8);
        if (header.getLong(0) != MAGIC || Long.bitCount(count) != 1 || channel.size() < HEADER_BYTES + count * SLOT_BYTES) {
            throw new IOException(file + " is not a Ratel counter table");
        }
        slots = count;
        mask = count - 1;
        shift = 64 - Long.numberOfTrailingZeros(count);
        growAt = count / 5 * 3;
        used.set(header.getLong(16));
        segments = mapSegments(channel, count);
    }

    private static MappedByteBuffer[] mapSegments(FileChannel channel, long count) throws IOException {
        int parts = (int) ((count + SEGMENT_SLOTS - 1) >>> SEGMENT_SHIFT);
        MappedByteBuffer[] mapped = new MappedByteBuffer[parts];
        for (int i = 0; i < parts; i++) {
            long firstSlot = (long) i << SEGMENT_SHIFT;
            long bytes = Math.min(SEGMENT_SLOTS, count - firstSlot) * SLOT_BYTES;
            mapped[i] = channel.map(FileChannel.MapMode.READ_WRITE, HEADER_BYTES + firstSlot * SLOT_BYTES, bytes);
            mapped[i].order(ByteOrder.LITTLE_ENDIAN);
        }
        return mapped;
    }

    private void unmap() throws IOException {
        if (channel != null) {
            channel.close();
        }
        channel = null;
        segments = null;
        header = null;
    }

    /** After a kill, when trusted as it is: a slot a set never finished holds nothing; the count is made true. */
    private void dropUnfinished() {
        long complete = 0;
        for (long slot = 0; slot < slots; slot++) {
            MappedByteBuffer segment = segment(slot);
            int at = offset(slot);
            int state = segment.getInt(at + STATE);
            if (state == WRITING) {
                // left in the probe chains as a counter of nothing: its key may be half written, and 0 used is "absent"
                segment.putLong(at + USED, 0);
                segment.putLong(at + LAST_APPLIED, Long.MIN_VALUE);
                segment.putInt(at + STATE, COMPLETE);
            }
            if (state != EMPTY) {
                complete++;
            }
        }
        used.set(complete);
    }

    private MappedByteBuffer segment(long slot) {
        return segments[(int) (slot >>> SEGMENT_SHIFT)];
    }

    private static int offset(long slot) {
        return (int) (slot & (SEGMENT_SLOTS - 1)) * SLOT_BYTES;
    }

    private static int key(int bucketCode, int period) {
        if (bucketCode < 0 || bucketCode >= (1 << BUCKET_BITS)) {
            throw new IllegalArgumentException("bucket code out of range: " + bucketCode);
        }
        if (period < 0 || period >= 1 << (31 - BUCKET_BITS)) {
            throw new IllegalArgumentException("period out of range: " + period);
        }
        return period << BUCKET_BITS | bucketCode;
    }

    private long home(long owner, int key) {
        long hash = owner * 0x9E3779B97F4A7C15L + key;
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        return (hash ^ hash >>> 32) >>> shift;
    }

    /** The slot holding the counter, or -1 - the empty slot where it would go. */
    private long find(long owner, int key) {
        for (long slot = home(owner, key); ; slot = (slot + 1) & mask) {
            MappedByteBuffer segment = segment(slot);
            int at = offset(slot);
            int state = (int) INTS.getAcquire(segment, at + STATE);
            if (state == EMPTY) {
                return -1 - slot;
            }
            while (state == WRITING) {
                Thread.onSpinWait(); // another thread is completing an insert there
                state = (int) INTS.getAcquire(segment, at + STATE);
            }
            if (segment.getLong(at + OWNER) == owner && segment.getInt(at + KEY) == key) {
                return slot;
            }
        }
    }

    @Override
    public long used(long owner, int bucketCode, int period) {
        long slot = find(owner, key(bucketCode, period));
        return slot < 0 ? 0 : segment(slot).getLong(offset(slot) + USED);
    }

    /** The rated-journal index this counter last applied, or {@link Long#MIN_VALUE}. */
    public long lastApplied(long owner, int bucketCode, int period) {
        long slot = find(owner, key(bucketCode, period));
        return slot < 0 ? Long.MIN_VALUE : segment(slot).getLong(offset(slot) + LAST_APPLIED);
    }

    /** Sets a counter to {@code used} as rated-journal entry {@code journalIndex} says, whatever it held. */
    public void set(long owner, int bucketCode, int period, long usedUnits, long journalIndex) {
        long slot = slotFor(owner, key(bucketCode, period));
        MappedByteBuffer segment = segment(slot);
        int at = offset(slot);
        segment.putLong(at + USED, usedUnits);
        segment.putLong(at + LAST_APPLIED, journalIndex);
    }

    /** Adds units outside the journal's protocol (tests, corrections): the counter keeps its last index. */
    @Override
    public void add(long owner, int bucketCode, int period, long units) {
        apply(owner, bucketCode, period, units, Long.MIN_VALUE);
    }

    /**
     * Adds {@code units} unless this counter already applied rated-journal entry {@code journalIndex}
     * or a later one.
     *
     * @return whether the units were added
     */
    public boolean apply(long owner, int bucketCode, int period, long units, long journalIndex) {
        long slot = slotFor(owner, key(bucketCode, period));
        MappedByteBuffer segment = segment(slot);
        int at = offset(slot);
        long last = segment.getLong(at + LAST_APPLIED);
        if (journalIndex != Long.MIN_VALUE && last >= journalIndex) {
            return false;
        }
        segment.putLong(at + USED, Math.addExact(segment.getLong(at + USED), units));
        if (journalIndex != Long.MIN_VALUE) {
            segment.putLong(at + LAST_APPLIED, journalIndex);
        }
        return true;
    }

    /** The counter's slot, inserted (0 used, never applied) when absent. */
    private long slotFor(long owner, int key) {
        while (true) {
            long found = find(owner, key);
            if (found >= 0) {
                return found;
            }
            if (used.get() >= growAt) {
                // only a writer on one thread gets here: several threads reserve their room first
                try {
                    reserve(1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot grow the counter table in " + directory, e);
                }
                continue;
            }
            long slot = -1 - found;
            MappedByteBuffer segment = segment(slot);
            int at = offset(slot);
            if (INTS.compareAndSet(segment, at + STATE, EMPTY, WRITING)) {
                segment.putLong(at + OWNER, owner);
                segment.putInt(at + KEY, key);
                segment.putLong(at + USED, 0);
                segment.putLong(at + LAST_APPLIED, Long.MIN_VALUE);
                INTS.setRelease(segment, at + STATE, COMPLETE);
                used.incrementAndGet();
                return slot;
            }
            // another thread took that slot for another counter: probe again
        }
    }

    /**
     * Makes room for {@code inserts} more counters, growing the table if needed. Call from one thread
     * while no other uses the store; after it, that many inserts may run from several threads.
     */
    public void reserve(long inserts) throws IOException {
        if (used.get() + inserts <= growAt) {
            return;
        }
        long newSlots = slots;
        while ((used.get() + inserts) > newSlots / 5 * 3) {
            newSlots <<= 1;
        }
        Path file = directory.resolve("counters.dat");
        Path temporary = directory.resolve("counters.dat.tmp");
        space.require(HEADER_BYTES + newSlots * SLOT_BYTES);
        MappedByteBuffer[] old = segments;
        long oldSlots = slots;
        try (FileChannel fresh = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer head = fresh.map(FileChannel.MapMode.READ_WRITE, 0, HEADER_BYTES);
            head.order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(8, newSlots);
            head.putLong(16, used.get());
            head.putLong(0, MAGIC);
            segments = mapSegments(fresh, newSlots);
            slots = newSlots;
            mask = newSlots - 1;
            shift = 64 - Long.numberOfTrailingZeros(newSlots);
            for (long slot = 0; slot < oldSlots; slot++) {
                MappedByteBuffer from = old[(int) (slot >>> SEGMENT_SHIFT)];
                int at = offset(slot);
                if (from.getInt(at + STATE) != COMPLETE) {
                    continue;
                }
                long owner = from.getLong(at + OWNER);
                int key = from.getInt(at + KEY);
                long target = -1 - find(owner, key);
                MappedByteBuffer to = segment(target);
                int into = offset(target);
                to.putLong(into + OWNER, owner);
                to.putInt(into + KEY, key);
                to.putLong(into + USED, from.getLong(at + USED));
                to.putLong(into + LAST_APPLIED, from.getLong(at + LAST_APPLIED));
                to.putInt(into + STATE, COMPLETE);
            }
        }
        channel.close();
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        map(file);
    }

    public long size() {
        return used.get();
    }

    /** Visits every counter (owner, bucket, period, used), in no particular order: for reports and checks. */
    public void forEach(CounterVisitor visitor) {
        for (long slot = 0; slot < slots; slot++) {
            MappedByteBuffer segment = segment(slot);
            int at = offset(slot);
            if (segment.getInt(at + STATE) == COMPLETE) {
                int key = segment.getInt(at + KEY);
                visitor.visit(segment.getLong(at + OWNER), key & ((1 << BUCKET_BITS) - 1), key >>> BUCKET_BITS, segment.getLong(at + USED));
            }
        }
    }

    /** Receives one counter. */
    public interface CounterVisitor {
        void visit(long owner, int bucketCode, int period, long used);
    }

    /** Writes the count to the header and removes the marker: the next open trusts the file. */
    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        header.putLong(16, used.get());
        for (MappedByteBuffer segment : segments) {
            segment.force();
        }
        header.force();
        unmap();
        Files.deleteIfExists(openMarker);
    }
}
