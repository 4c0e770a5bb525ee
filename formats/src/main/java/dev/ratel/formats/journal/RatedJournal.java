package dev.ratel.formats.journal;

import dev.ratel.core.state.DiskSpace;
import java.io.Closeable;
import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The rated journal, the rating job's write-ahead log: one excerpt per usage-journal batch rated,
 * written before any counter moves. Layout (little-endian; {@code unsigned} and {@code signed} are
 * {@link Varints}, signed ones zigzag-mapped):
 *
 * <pre>
 * RATED_BATCH_CHARGED (5), the one written: int crc32c (of everything after it), then a RATED_BATCH_KEYED's fields
 *   with one more word reference in each decision, after currency: unsigned charge + 1 (the code of the tariff rule
 *   that rated the record, {@code VOICE_KZ_OFFNET}: the invoice line it is summed into)
 * RATED_BATCH_CHECKED (4), read still: int crc32c, then a RATED_BATCH_KEYED's fields
 * RATED_BATCH_KEYED (3), read still:
 *   long sourceIndex (the usage-journal excerpt rated), int records,
 *   int words, words x { stop-bit length, UTF-8 }      (the batch's dictionary: account ids, plan ids, classes, currencies)
 *   int decisionBytes,
 *   records x { byte outcome, unsigned account + 1, unsigned plan + 1, unsigned destinationClass + 1,
 *               unsigned currency + 1, signed period - the record before's (0 before the first),
 *               signed amountScaled, signed billedUnits, signed allowanceUnits, signed chargedUnits,
 *               byte flags }                           (names as dictionary references + 1, 0 none)
 *   int counters, int counterBytes,
 *   counters x { unsigned owner code, unsigned bucket code, signed period - the counter before's, signed used }
 *
 * RATED_BATCH (1) and RATED_BATCH_PACKED (2), of homes of format 1: their counters are keyed by list
 *   positions (an account's place in accounts.csv, a bucket's in its plan version) and are not read.
 * </pre>
 *
 * Outcome codes (fixed; {@code RecordRater.Outcome} maps onto them): 0 rated, 1 unknown number,
 * 2 number not active, 3 no plan version, 4 no rule, 5 refused, 6 no exchange rate. Flags: bit 0
 * throttled, bit 1 late (the record's own period was closed; it is billed in {@code period} and drew
 * on its own period's allowances). Counter owners and buckets are durable codes of identities
 * ({@code HOME/ids}): a subscription's pools or a number on a subscription, a plan's allowance by id;
 * each changed counter's value after the batch. Records are in the order of the source batch's
 * accepted records, so an export reads both journals in step. Names are stored, not indexes into
 * reference data, so a later change of reference data cannot relabel rated usage.
 * {@link RatedBatchEncoder} writes an excerpt, {@link RatedBatch} reads one. An excerpt that does not
 * match its checksum (torn by a kill or zeroed by a full disk) is skipped by every reader, as if never
 * written: rating resumes after the last whole one and rates its usage batch again. The free space
 * under the journal is checked before every excerpt.
 */
public final class RatedJournal implements Closeable {
    /** A rated batch in fixed widths with positional counters (homes of format 1); not read. */
    public static final byte RATED_BATCH = 1;
    /** A rated batch in variable-length integers with positional counters (homes of format 1); not read. */
    public static final byte RATED_BATCH_PACKED = 2;
    /** A rated batch whose counters are keyed by identity, without a checksum; read still. */
    public static final byte RATED_BATCH_KEYED = 3;
    /** A rated batch keyed by identity with its checksum, without the rules' charge codes; read still. */
    public static final byte RATED_BATCH_CHECKED = 4;
    /** A rated batch keyed by identity with its checksum and each record's charge code: the one written. */
    public static final byte RATED_BATCH_CHARGED = 5;

    /** Whether an excerpt of {@code type} starts with a checksum. */
    static boolean checked(byte type) {
        return type == RATED_BATCH_CHECKED || type == RATED_BATCH_CHARGED;
    }

    /** Outcome code of a rated record. */
    public static final byte OUTCOME_RATED = 0;

    private static boolean isRatedBatch(byte type) {
        return type == RATED_BATCH || type == RATED_BATCH_PACKED || type == RATED_BATCH_KEYED || type == RATED_BATCH_CHECKED
                || type == RATED_BATCH_CHARGED;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RatedJournal.class);
    private final ChronicleQueue queue;
    private final DiskSpace space;
    private ExcerptAppender appender;
    private PageToucher toucher;

    private RatedJournal(ChronicleQueue queue, DiskSpace space) {
        this.queue = queue;
        this.space = space;
    }

    /** Opens (or creates) the rated journal; a dead writer's lock is taken over after half a second. */
    public static RatedJournal open(Path directory) {
        ChronicleStart.ensure();
        return new RatedJournal(SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_DAILY)
                .timeoutMS(500).build(), new DiskSpace(directory, directory.toAbsolutePath().getParent()));
    }

    /** The last whole rated batch: its own index and the usage-journal index it rated; null when there is none. */
    public LastBatch last() {
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    byte type = in.readByte();
                    if (isRatedBatch(type) && whole(in, type, dc.index())) {
                        if (checked(type)) {
                            in.readSkip(4);
                        }
                        return new LastBatch(dc.index(), in.readLong());
                    }
                }
            }
        }
    }

    // a rated batch's head: the usage excerpt it covered, its record count and its word count (16 bytes)
    private final BatchCheck check = new BatchCheck(16);

    /** Whether an excerpt, read up to just after its type byte, is whole (a checked one matches its checksum). */
    private boolean whole(Bytes<?> in, byte type, long index) {
        if (!checked(type) || check.verify(in)) {
            return true;
        }
        LOG.warn("rated journal: the excerpt at index {} does not match its checksum (a kill or a full disk tore it); it is"
                + " skipped, and its usage rated again", Long.toHexString(index));
        return false;
    }

    /** Where rating stopped: the rated excerpt's index and the usage-journal excerpt it covered. */
    public record LastBatch(long ratedIndex, long sourceIndex) {
    }

    /**
     * Writes the rated batch {@code encoder} holds and returns the excerpt's index, which the counters
     * record as the entry they last applied.
     */
    public long append(RatedBatchEncoder encoder) {
        if (appender == null) {
            appender = queue.createAppender();
            toucher = new PageToucher("ratel-rated-pretouch");
        }
        space.require(1 + 4 + encoder.length());
        int checksum = encoder.checksum();
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> out = dc.wire().bytes();
            out.writeByte(RATED_BATCH_CHARGED);
            out.writeInt(checksum);
            encoder.writeTo(out);
            if (out instanceof net.openhft.chronicle.bytes.MappedBytes mapped) {
                toucher.wrote(mapped.mappedFile(), out.writePosition());
            }
            return dc.index();
        }
    }

    /** Reads the rated batch at an index into {@code batch}; false if absent. */
    public boolean read(long index, RatedBatch batch) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (!tailer.moveToIndex(index)) {
                return false;
            }
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return false;
                }
                Bytes<?> in = dc.wire().bytes();
                byte type = in.readByte();
                if (!isRatedBatch(type) || !whole(in, type, dc.index())) {
                    return false;
                }
                batch.read(in, type);
                return true;
            }
        }
    }

    /** A tailer from the start, for tests. */
    public ExcerptTailer tailer() {
        return queue.createTailer();
    }

    /** Reads the rated batches after {@code afterIndex} ({@link Long#MIN_VALUE}: from the start), in order. */
    public Reader readAfter(long afterIndex) {
        ExcerptTailer tailer = queue.createTailer();
        if (afterIndex != Long.MIN_VALUE && tailer.moveToIndex(afterIndex)) {
            try (DocumentContext skipped = tailer.readingDocument()) {
                // the excerpt at afterIndex was handled before; reading it moves past it
            }
        }
        return new Reader(tailer, this);
    }

    /** Rated batches one after another; {@link #index()} is the last one's excerpt index. */
    public static final class Reader implements AutoCloseable {
        private final ExcerptTailer tailer;
        private final RatedJournal journal;
        private long index = Long.MIN_VALUE;

        private Reader(ExcerptTailer tailer, RatedJournal journal) {
            this.tailer = tailer;
            this.journal = journal;
        }

        /** Reads the next rated batch into {@code batch}; false when there is none. */
        public boolean next(RatedBatch batch) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return false;
                    }
                    Bytes<?> in = dc.wire().bytes();
                    byte type = in.readByte();
                    if (isRatedBatch(type) && journal.whole(in, type, dc.index())) {
                        batch.read(in, type);
                        index = dc.index();
                        return true;
                    }
                }
            }
        }

        public long index() {
            return index;
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    @Override
    public void close() {
        if (toucher != null) {
            toucher.close();
        }
        queue.close();
    }
}
