package dev.ratel.formats.journal;

import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * One rated excerpt read back (see {@link RatedJournal} for the layout): the usage batch it rated,
 * each record's decision with its names resolved through the excerpt's dictionary, and the counter
 * counters it changed with their new values. Reused: {@link #read} overwrites it.
 */
public final class RatedBatch {
    /** Bytes a decision takes at first: the section buffer grows as excerpts need. */
    private static final int DECISION_BYTES = 16;

    public long sourceIndex;
    public int records;
    /**
     * The excerpt's dictionary as it is stored, UTF-8 bytes one after another: word {@code i} is
     * {@code wordLength[i]} bytes from {@code wordOffset[i]} of {@code wordBytes}. Strings are made only
     * when asked for ({@link #word}); the export writes the bytes as they are.
     */
    public int words;
    public byte[] wordBytes = new byte[16 * 1024];
    public int[] wordOffset = new int[1024];
    public int[] wordLength = new int[1024];
    private String[] wordStrings = new String[1024];
    public byte[] outcome = new byte[1024];
    public int[] account = new int[1024];
    public int[] plan = new int[1024];
    public int[] destinationClass = new int[1024];
    public int[] currency = new int[1024];
    /** The rule's charge code of each record (a word), -1 where none: not rated, or an excerpt older than {@link RatedJournal#RATED_BATCH_CHARGED}. */
    public int[] chargeCode = new int[1024];
    public int[] period = new int[1024];
    public long[] amountScaled = new long[1024];
    public long[] billedUnits = new long[1024];
    public long[] allowanceUnits = new long[1024];
    public long[] chargedUnits = new long[1024];
    public byte[] flags = new byte[1024];
    /** The counters the batch changed and their values after it. */
    public int counters;
    public long[] counterOwner = new long[256];
    public int[] counterBucket = new int[256];
    public int[] counterPeriod = new int[256];
    public long[] counterUsed = new long[256];
    /** Whether {@link #read} reads the changed counters too; the export needs only the decisions. */
    private final boolean withCounters;
    /** A section of the excerpt (decisions, counters), copied out at once: read field by field, each paid Chronicle's checks. */
    private byte[] sectionBytes = new byte[1024 * DECISION_BYTES];

    /** A batch read whole: decisions and changed counters. */
    public RatedBatch() {
        this(true);
    }

    private RatedBatch(boolean withCounters) {
        this.withCounters = withCounters;
    }

    /** A batch whose {@link #read} stops after the decisions ({@link #counters} stays 0). */
    public static RatedBatch decisionsOnly() {
        return new RatedBatch(false);
    }

    /**
     * Reads an excerpt positioned just after its type byte, {@link RatedJournal#RATED_BATCH_CHARGED} or
     * {@link RatedJournal#RATED_BATCH_CHECKED} (whose checksum the caller has verified) or
     * {@link RatedJournal#RATED_BATCH_KEYED}.
     *
     * @throws IllegalStateException for the excerpts of a home of format 1, whose counters are keyed by list positions
     */
    public RatedBatch read(Bytes<?> in, byte type) {
        if (type == RatedJournal.RATED_BATCH || type == RatedJournal.RATED_BATCH_PACKED) {
            throw new IllegalStateException("a rated excerpt of type " + type + " (a home of format 1, counters keyed by list"
                    + " positions): this Ratel does not read it");
        }
        if (RatedJournal.checked(type)) {
            in.readSkip(4); // the checksum, verified by the journal's readers
        } else if (type != RatedJournal.RATED_BATCH_KEYED) {
            throw new IllegalArgumentException("not a rated excerpt: type " + type);
        }
        sourceIndex = in.readLong();
        records = in.readInt();
        words = in.readInt();
        if (wordOffset.length < words) {
            int size = Math.max(words, wordOffset.length * 2);
            wordOffset = new int[size];
            wordLength = new int[size];
            wordStrings = new String[size];
        }
        int end = 0;
        for (int i = 0; i < words; i++) {
            // Chronicle's writeUtf8: a stop-bit length in UTF-8 bytes (-1 for null), then the bytes
            int length = (int) in.readStopBit();
            if (length < 0) {
                throw new IllegalStateException("a rated excerpt's dictionary holds a null word");
            }
            if (wordBytes.length < end + length) {
                wordBytes = Arrays.copyOf(wordBytes, Math.max(end + length, wordBytes.length * 2));
            }
            in.read(wordBytes, end, length);
            wordOffset[i] = end;
            wordLength[i] = length;
            wordStrings[i] = null;
            end += length;
        }
        ensureRecords(records);
        readPackedDecisions(in, type == RatedJournal.RATED_BATCH_CHARGED);
        if (!withCounters) {
            counters = 0;
            return this;
        }
        counters = in.readInt();
        ensureCounters(counters);
        readPackedCounters(in);
        return this;
    }

    /** The packed decisions: their length in bytes, then each as {@link RatedJournal} draws it. */
    private void readPackedDecisions(Bytes<?> in, boolean charged) {
        Varints.Reader packed = section(in);
        int previousPeriod = 0;
        for (int i = 0; i < records; i++) {
            outcome[i] = packed.readByte();
            account[i] = (int) packed.unsigned() - 1;
            plan[i] = (int) packed.unsigned() - 1;
            destinationClass[i] = (int) packed.unsigned() - 1;
            currency[i] = (int) packed.unsigned() - 1;
            chargeCode[i] = charged ? (int) packed.unsigned() - 1 : -1;
            previousPeriod += (int) packed.signed();
            period[i] = previousPeriod;
            amountScaled[i] = packed.signed();
            billedUnits[i] = packed.signed();
            allowanceUnits[i] = packed.signed();
            chargedUnits[i] = packed.signed();
            flags[i] = packed.readByte();
        }
        if (!packed.atEnd()) {
            throw new IllegalStateException("a rated excerpt's decisions hold bytes past the last");
        }
    }

    /** The packed changed counters: their length in bytes, then each as {@link RatedJournal} draws it. */
    private void readPackedCounters(Bytes<?> in) {
        Varints.Reader packed = section(in);
        int previousPeriod = 0;
        for (int i = 0; i < counters; i++) {
            counterOwner[i] = packed.unsigned();
            counterBucket[i] = (int) packed.unsigned();
            previousPeriod += (int) packed.signed();
            counterPeriod[i] = previousPeriod;
            counterUsed[i] = packed.signed();
        }
        if (!packed.atEnd()) {
            throw new IllegalStateException("a rated excerpt's counters hold bytes past the last");
        }
    }

    /** A packed section (an int length, then the bytes), copied out of the excerpt at once. */
    private Varints.Reader section(Bytes<?> in) {
        int length = in.readInt();
        if (length < 0 || length > in.readRemaining()) {
            throw new IllegalStateException("a rated excerpt's section of " + length + " bytes runs past its end");
        }
        if (sectionBytes.length < length) {
            sectionBytes = new byte[Math.max(length, sectionBytes.length * 2)];
        }
        in.read(sectionBytes, 0, length);
        return reader.reset(sectionBytes, 0, length);
    }

    private final Varints.Reader reader = new Varints.Reader();

    /** A dictionary word, or null for the reference -1. */
    public String word(int reference) {
        if (reference < 0) {
            return null;
        }
        if (reference >= words) {
            throw new IndexOutOfBoundsException("word " + reference + " of a dictionary of " + words);
        }
        String word = wordStrings[reference];
        if (word == null) {
            word = new String(wordBytes, wordOffset[reference], wordLength[reference], java.nio.charset.StandardCharsets.UTF_8);
            wordStrings[reference] = word;
        }
        return word;
    }

    /** Flag bit: the data was throttled past its allowance rather than charged. */
    public static final int THROTTLED = 1;
    /** Flag bit: the record's own period was closed when it was rated; it is a late adjustment of a later one. */
    public static final int LATE = 2;

    public boolean throttled(int record) {
        return (flags[record] & THROTTLED) != 0;
    }

    public boolean late(int record) {
        return (flags[record] & LATE) != 0;
    }

    private void ensureRecords(int n) {
        if (outcome.length < n) {
            outcome = Arrays.copyOf(outcome, n);
            account = Arrays.copyOf(account, n);
            plan = Arrays.copyOf(plan, n);
            destinationClass = Arrays.copyOf(destinationClass, n);
            currency = Arrays.copyOf(currency, n);
            chargeCode = Arrays.copyOf(chargeCode, n);
            period = Arrays.copyOf(period, n);
            amountScaled = Arrays.copyOf(amountScaled, n);
            billedUnits = Arrays.copyOf(billedUnits, n);
            allowanceUnits = Arrays.copyOf(allowanceUnits, n);
            chargedUnits = Arrays.copyOf(chargedUnits, n);
            flags = Arrays.copyOf(flags, n);
        }
    }

    private void ensureCounters(int n) {
        if (counterOwner.length < n) {
            counterOwner = Arrays.copyOf(counterOwner, n);
            counterBucket = Arrays.copyOf(counterBucket, n);
            counterPeriod = Arrays.copyOf(counterPeriod, n);
            counterUsed = Arrays.copyOf(counterUsed, n);
        }
    }
}
