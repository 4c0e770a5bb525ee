package dev.ratel.formats.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Writes one rated excerpt in the layout {@link RatedJournal} draws ({@link RatedJournal#RATED_BATCH_CHARGED}),
 * the counterpart of {@link RatedBatch}, which reads it: {@link #start} a batch, name its words, add each
 * record's {@link #decision} in record order, then {@link #counters} and each changed {@link #counter};
 * {@link #writeTo} copies the excerpt after its type byte. Built in heap arrays in the byte order
 * Chronicle's {@code Bytes} writes (little-endian): a field at a time through {@code Bytes} cost a
 * bounds and a thread-safety check per field on the rating's one serial thread. Reused for every
 * batch; allocates nothing once its arrays have grown.
 */
public final class RatedBatchEncoder {
    /** The most bytes of a packed decision: outcome, five word references and a period difference, four longs, flags. */
    public static final int DECISION_MAX_BYTES = 1 + 6 * 5 + 4 * Varints.MAX_BYTES + 1;
    /** The most bytes of a packed changed counter: owner, bucket, period difference, units used. */
    public static final int COUNTER_MAX_BYTES = Varints.MAX_BYTES + 5 + 5 + Varints.MAX_BYTES;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Source index, record count and the dictionary. */
    private byte[] head = new byte[16 * 1024];
    private int headLength;
    private int words;
    /** The decisions' section, then the counters'. */
    private byte[] body = new byte[64 * 1024];
    private int bodyLength;
    private int decisionsLengthAt;
    private int decisionsWritten;
    private int records;
    private int previousDecisionPeriod;
    private int countersLengthAt = -1;
    private int countersDeclared;
    private int countersWritten;
    private int previousCounterPeriod;

    /** Starts the excerpt of usage batch {@code sourceIndex}, which holds {@code records} records. */
    public RatedBatchEncoder start(long sourceIndex, int records) {
        this.records = records;
        headLength = 0;
        words = 0;
        LONG.set(head, 0, sourceIndex);
        INT.set(head, 8, records);
        headLength = 16; // the word count at 12 is written by writeTo
        bodyLength = 0;
        ensureBody(4 + (long) records * DECISION_MAX_BYTES);
        decisionsLengthAt = bodyLength;
        bodyLength += 4;
        decisionsWritten = 0;
        previousDecisionPeriod = 0;
        countersLengthAt = -1;
        countersWritten = 0;
        countersDeclared = 0;
        return this;
    }

    /** Adds a word (UTF-8) to the batch's dictionary; returns its reference. Each name once per batch: the caller remembers its references. */
    public int word(byte[] utf8) {
        ensureHead(5 + utf8.length);
        // as Chronicle's writeUtf8 writes it: a stop-bit length in UTF-8 bytes, then the bytes
        headLength = Varints.putUnsigned(head, headLength, utf8.length);
        System.arraycopy(utf8, 0, head, headLength, utf8.length);
        headLength += utf8.length;
        return words++;
    }

    /** {@link #word(byte[])} of a string. */
    public int word(String name) {
        return word(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The next record's decision. References are the dictionary's ({@link #word}), -1 for none; {@code outcome}
     * is one of the layout's outcome codes; {@code period} is {@code year * 12 + month - 1}.
     */
    public void decision(byte outcome, int accountWord, int planWord, int classWord, int currencyWord, int chargeWord, int period,
                         long amountScaled, long billedUnits, long allowanceUnits, long chargedUnits, byte flags) {
        byte[] bytes = body;
        int at = bodyLength;
        bytes[at++] = outcome;
        // dictionary references + 1, so "none" (-1) is the one-byte 0
        at = Varints.putUnsigned(bytes, at, accountWord + 1L);
        at = Varints.putUnsigned(bytes, at, planWord + 1L);
        at = Varints.putUnsigned(bytes, at, classWord + 1L);
        at = Varints.putUnsigned(bytes, at, currencyWord + 1L);
        at = Varints.putUnsigned(bytes, at, chargeWord + 1L);
        at = Varints.putSigned(bytes, at, period - previousDecisionPeriod);
        previousDecisionPeriod = period;
        at = Varints.putSigned(bytes, at, amountScaled);
        at = Varints.putSigned(bytes, at, billedUnits);
        at = Varints.putSigned(bytes, at, allowanceUnits);
        at = Varints.putSigned(bytes, at, chargedUnits);
        bytes[at++] = flags;
        bodyLength = at;
        decisionsWritten++;
    }

    /** Ends the decisions; {@code count} changed counters follow. */
    public void counters(int count) {
        if (decisionsWritten != records) {
            throw new IllegalStateException("the excerpt declares " + records + " records and holds " + decisionsWritten + " decisions");
        }
        INT.set(body, decisionsLengthAt, bodyLength - decisionsLengthAt - 4);
        ensureBody(8 + (long) count * COUNTER_MAX_BYTES);
        INT.set(body, bodyLength, count);
        countersLengthAt = bodyLength + 4;
        bodyLength += 8;
        countersDeclared = count;
        countersWritten = 0;
        previousCounterPeriod = 0;
    }

    /** The next changed counter: its owner's and bucket's durable codes, its period, its units used after the batch. */
    public void counter(long ownerCode, int bucketCode, int period, long used) {
        int at = Varints.putUnsigned(body, bodyLength, ownerCode);
        at = Varints.putUnsigned(body, at, bucketCode);
        at = Varints.putSigned(body, at, period - previousCounterPeriod);
        previousCounterPeriod = period;
        bodyLength = Varints.putSigned(body, at, used);
        countersWritten++;
    }

    /** Copies the finished excerpt, from after its type byte and checksum, to {@code out}. */
    public void writeTo(Bytes<?> out) {
        finish();
        out.write(head, 0, headLength);
        out.write(body, 0, bodyLength);
    }

    /** The CRC-32C of what {@link #writeTo} writes: the excerpt's checksum. */
    public int checksum() {
        finish();
        crc.reset();
        crc.update(head, 0, headLength);
        crc.update(body, 0, bodyLength);
        return (int) crc.getValue();
    }

    /** What {@link #writeTo} writes, in bytes. */
    public int length() {
        return headLength + bodyLength;
    }

    private final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();

    /** The excerpt's bytes after its type byte and checksum, as {@link #writeTo} writes them: for tests. */
    public byte[] toBytes() {
        finish();
        byte[] bytes = Arrays.copyOf(head, headLength + bodyLength);
        System.arraycopy(body, 0, bytes, headLength, bodyLength);
        return bytes;
    }

    private void finish() {
        if (countersLengthAt < 0 || countersWritten != countersDeclared) {
            throw new IllegalStateException("the excerpt's counters are not finished: " + countersWritten + " of " + countersDeclared);
        }
        INT.set(head, 12, words);
        INT.set(body, countersLengthAt, bodyLength - countersLengthAt - 4);
    }

    private void ensureHead(int more) {
        if (head.length < headLength + more) {
            head = Arrays.copyOf(head, Math.max(headLength + more, head.length * 2));
        }
    }

    private void ensureBody(long more) {
        if (body.length < bodyLength + more) {
            body = Arrays.copyOf(body, (int) Math.max(bodyLength + more, body.length * 2L));
        }
    }
}
