package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.formats.cdr.CdrRecord;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * One usage batch rated by the crew's threads, in two steps that any thread may take a share of.
 *
 * <ol>
 *   <li>The records, in chunks of {@link #CHUNK}, are looked up in the number directory and sorted
 *       into the slices of accounts they belong to; a thread claims the next chunk until none is left.</li>
 *   <li>Once every chunk is sorted, a thread claims the next slice, first sets the counters the slice
 *       changed in the batch before (tagged with that batch's rated excerpt), then rates the slice's
 *       records, chunk by chunk, so in the batch's order.</li>
 * </ol>
 *
 * Each record is looked up once (each partition used to look up every record to find its own), and
 * a thread held up, by the compiler or the page toucher sharing its core, leaves more chunks and
 * slices to the other instead of holding up the round. Which thread takes which share changes
 * nothing: slices never share a counter, and each slice's records are rated in the batch's order.
 */
final class RatingRound implements IntConsumer {
    /** Slices of the accounts: a fixed number, so the rated journal is the same on any machine. */
    static final int SLICES = 16;
    /** Records a thread looks up and sorts at a time. */
    static final int CHUNK = 256;
    /** No rated excerpt to set counters from. */
    static final long NONE = Long.MIN_VALUE;

    private final NumberDirectory directory;
    private final RatingPartition[] slices;
    /** Record positions of each chunk by slice, and how many. */
    private int[][][] chunkSlices = new int[0][][];
    private int[][] chunkSliceSizes = new int[0][];
    private int[] entries = new int[0];
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger sortedChunks = new AtomicInteger();
    private final AtomicInteger nextSlice = new AtomicInteger();

    // the round's inputs, set by the caller before the crew's hand-over publishes them
    private CdrRecord[] records;
    private int count;
    private int chunks;
    private RatingPartition.Decisions decisions;
    private long flushIndex = NONE;

    RatingRound(NumberDirectory directory, RatingPartition[] slices) {
        if (slices.length != SLICES) {
            throw new IllegalArgumentException("a round rates " + SLICES + " slices");
        }
        this.directory = directory;
        this.slices = slices;
    }

    /** Sets up a round that rates {@code count} records after setting the counters of rated excerpt {@code flushIndex}. */
    void start(CdrRecord[] records, int count, RatingPartition.Decisions decisions, long flushIndex) {
        this.records = records;
        this.count = count;
        this.decisions = decisions;
        this.flushIndex = flushIndex;
        chunks = (count + CHUNK - 1) / CHUNK;
        if (entries.length < count) {
            entries = new int[Math.max(count, entries.length * 2)];
        }
        if (chunkSlices.length < chunks) {
            int old = chunkSlices.length;
            chunkSlices = Arrays.copyOf(chunkSlices, chunks);
            chunkSliceSizes = Arrays.copyOf(chunkSliceSizes, chunks);
            for (int c = old; c < chunks; c++) {
                chunkSlices[c] = new int[SLICES][CHUNK];
                chunkSliceSizes[c] = new int[SLICES];
            }
        }
        nextChunk.set(0);
        sortedChunks.set(0);
        nextSlice.set(0);
    }

    /** Sets up a round that only sets the counters of rated excerpt {@code flushIndex}. */
    void startFlushOnly(long flushIndex) {
        start(records, 0, decisions, flushIndex);
    }

    @Override
    public void accept(int thread) {
        for (int chunk; (chunk = nextChunk.getAndIncrement()) < chunks; ) {
            try {
                sort(chunk);
            } finally {
                // counted even when it failed, so the other thread never waits for it; the failure ends the round
                sortedChunks.incrementAndGet();
            }
        }
        for (int spins = 0; sortedChunks.get() < chunks; spins++) {
            // the other thread is finishing a chunk: a few hundred records' look-ups
            if (spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        for (int slice; (slice = nextSlice.getAndIncrement()) < SLICES; ) {
            rateSlice(slice);
        }
    }

    private void sort(int chunk) {
        int[][] lists = chunkSlices[chunk];
        int[] sizes = chunkSliceSizes[chunk];
        Arrays.fill(sizes, 0);
        int end = Math.min(count, (chunk + 1) * CHUNK);
        for (int i = chunk * CHUNK; i < end; i++) {
            CdrRecord record = records[i];
            int entry = directory.find(record.subscriber, record.startEpochMillis);
            entries[i] = entry;
            int slice = entry < 0 ? 0 : directory.accountIndex(entry) % SLICES;
            lists[slice][sizes[slice]++] = i;
        }
    }

    private void rateSlice(int slice) {
        RatingPartition partition = slices[slice];
        if (flushIndex != NONE) {
            partition.counters().flush(flushIndex);
        }
        for (int chunk = 0; chunk < chunks; chunk++) {
            int[] list = chunkSlices[chunk][slice];
            int size = chunkSliceSizes[chunk][slice];
            for (int k = 0; k < size; k++) {
                int i = list[k];
                partition.rate(records[i], entries[i], i, decisions);
            }
        }
    }
}
