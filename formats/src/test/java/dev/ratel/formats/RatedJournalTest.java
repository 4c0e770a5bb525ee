package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.Varints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rated journal's two excerpt layouts, as {@link RatedJournal} draws them: the packed one the
 * rating job writes now, and the fixed-width one of homes rated before, which must still read
 * (the counters are rebuilt, the rejects and the export read from it).
 */
class RatedJournalTest {
    @TempDir
    Path dir;

    /** Two decisions: a rated call and a reject (no names), with values at the edges of each field. */
    private static final String[] WORDS = {"ACC-1", "Keńse 15", "mobile", "KZT"};
    private static final byte[] OUTCOME = {0, 1};
    private static final int[] ACCOUNT = {0, -1};
    private static final int[] PLAN = {1, -1};
    private static final int[] DESTINATION_CLASS = {2, -1};
    private static final int[] CURRENCY = {3, -1};
    private static final int[] PERIOD = {24_292, 0};                // 2024-05, then none: a difference of -24 292
    private static final long[] AMOUNT = {-1_234_500, 0};            // a credit of 123.45 (scaled by 10 000)
    private static final long[] BILLED = {Long.MAX_VALUE, 0};
    private static final long[] ALLOWANCE = {60, 0};
    private static final long[] CHARGED = {Long.MIN_VALUE, 0};
    private static final byte[] FLAGS = {RatedBatch.THROTTLED | RatedBatch.LATE, 0};
    /** Two changed counters: a number's, then an account pool's (a negative owner) a period earlier. */
    private static final long[] OWNER = {77_012_345_678L, -42};
    private static final int[] BUCKET = {255, 0};
    private static final int[] COUNTER_PERIOD = {24_292, 24_291};
    private static final long[] USED = {12_000, 0};

    @Test
    void shouldReadThePackedLayoutAsItIsDrawn() {
        try (RatedJournal rated = RatedJournal.open(dir.resolve("rated"))) {
        long index = rated.append(out -> {
            writeHead(out, 78);
            byte[] decisions = new byte[256];
            int at = 0;
            int previousPeriod = 0;
            for (int i = 0; i < 2; i++) {
                decisions[at++] = OUTCOME[i];
                at = Varints.putUnsigned(decisions, at, ACCOUNT[i] + 1);
                at = Varints.putUnsigned(decisions, at, PLAN[i] + 1);
                at = Varints.putUnsigned(decisions, at, DESTINATION_CLASS[i] + 1);
                at = Varints.putUnsigned(decisions, at, CURRENCY[i] + 1);
                at = Varints.putSigned(decisions, at, PERIOD[i] - previousPeriod);
                previousPeriod = PERIOD[i];
                at = Varints.putSigned(decisions, at, AMOUNT[i]);
                at = Varints.putSigned(decisions, at, BILLED[i]);
                at = Varints.putSigned(decisions, at, ALLOWANCE[i]);
                at = Varints.putSigned(decisions, at, CHARGED[i]);
                decisions[at++] = FLAGS[i];
            }
            out.writeInt(at);
            out.write(decisions, 0, at);
            byte[] counters = new byte[128];
            int end = 0;
            int previousCounterPeriod = 0;
            for (int i = 0; i < 2; i++) {
                end = Varints.putSigned(counters, end, OWNER[i]);
                end = Varints.putUnsigned(counters, end, BUCKET[i]);
                end = Varints.putSigned(counters, end, COUNTER_PERIOD[i] - previousCounterPeriod);
                previousCounterPeriod = COUNTER_PERIOD[i];
                end = Varints.putSigned(counters, end, USED[i]);
            }
            out.writeInt(2);
            out.writeInt(end);
            out.write(counters, 0, end);
        });
        RatedBatch batch = new RatedBatch();
        assertThat(rated.read(index, batch)).isTrue();
        assertBatch(batch, 78);
        assertThat(rated.last().ratedIndex()).isEqualTo(index);
        assertThat(rated.last().sourceIndex()).isEqualTo(78);
        }
    }

    @Test
    void shouldStillReadTheFixedWidthLayoutOfHomesRatedBefore() {
        Path directory = dir.resolve("rated");
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_DAILY).build()) {
            ExcerptAppender appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> out = dc.wire().bytes();
                out.writeByte(RatedJournal.RATED_BATCH);
                writeHead(out, 91);
                for (int i = 0; i < 2; i++) {
                    out.writeByte(OUTCOME[i]);
                    out.writeInt(ACCOUNT[i]);
                    out.writeInt(PLAN[i]);
                    out.writeInt(DESTINATION_CLASS[i]);
                    out.writeInt(CURRENCY[i]);
                    out.writeInt(PERIOD[i]);
                    out.writeLong(AMOUNT[i]);
                    out.writeLong(BILLED[i]);
                    out.writeLong(ALLOWANCE[i]);
                    out.writeLong(CHARGED[i]);
                    out.writeByte(FLAGS[i]);
                }
                out.writeInt(2);
                for (int i = 0; i < 2; i++) {
                    out.writeLong(OWNER[i]);
                    out.writeInt(BUCKET[i]);
                    out.writeInt(COUNTER_PERIOD[i]);
                    out.writeLong(USED[i]);
                }
            }
        }
        try (RatedJournal rated = RatedJournal.open(directory); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            RatedBatch batch = new RatedBatch();
            assertThat(reader.next(batch)).isTrue();
            assertBatch(batch, 91);
            assertThat(reader.next(batch)).isFalse();
            assertThat(rated.last().sourceIndex()).isEqualTo(91);
            RatedBatch decisionsOnly = RatedBatch.decisionsOnly();
            assertThat(rated.read(reader.index(), decisionsOnly)).isTrue();
            assertThat(decisionsOnly.amountScaled[0]).isEqualTo(-1_234_500);
            assertThat(decisionsOnly.counters).isZero();
        }
    }

    @Test
    void shouldPackADecisionIntoAThirdOfItsFixedWidth() {
        // a typical rated call: small references, this month, 45.00 KZT, 300 s billed, 240 from the allowance
        byte[] packed = new byte[64];
        int at = 1;
        for (long reference : new long[] {7, 2, 3, 4}) {
            at = Varints.putUnsigned(packed, at, reference);
        }
        at = Varints.putSigned(packed, at, 0);
        for (long value : new long[] {450_000, 300, 240, 60}) {
            at = Varints.putSigned(packed, at, value);
        }
        at++;
        // 1 + 4 + 1 + (3 + 2 + 2 + 1) + 1 = 15 bytes against 54 in fixed widths
        assertThat(at).isEqualTo(15).isLessThan(RatedBatch.DECISION_BYTES / 3);
    }

    @Property
    void shouldReadBackEverySignedValue(@ForAll long value) {
        byte[] bytes = new byte[Varints.MAX_BYTES];
        int end = Varints.putSigned(bytes, 0, value);
        Varints.Reader reader = new Varints.Reader().reset(bytes, 0, end);
        assertThat(reader.signed()).isEqualTo(value);
        assertThat(reader.atEnd()).isTrue();
    }

    @Property
    void shouldReadBackEveryUnsignedValue(@ForAll long value) {
        byte[] bytes = new byte[Varints.MAX_BYTES];
        int end = Varints.putUnsigned(bytes, 0, value);
        assertThat(new Varints.Reader().reset(bytes, 0, end).unsigned()).isEqualTo(value);
    }

    private static void writeHead(Bytes<?> out, long sourceIndex) {
        out.writeLong(sourceIndex);
        out.writeInt(2);
        out.writeInt(WORDS.length);
        for (String word : WORDS) {
            out.writeUtf8(word);
        }
    }

    private static void assertBatch(RatedBatch batch, long sourceIndex) {
        assertThat(batch.sourceIndex).isEqualTo(sourceIndex);
        assertThat(batch.records).isEqualTo(2);
        assertThat(batch.word(batch.account[0])).isEqualTo("ACC-1");
        assertThat(batch.word(batch.plan[0])).isEqualTo("Keńse 15");
        assertThat(new String(batch.wordBytes, batch.wordOffset[1], batch.wordLength[1], StandardCharsets.UTF_8)).isEqualTo("Keńse 15");
        assertThat(batch.word(batch.destinationClass[0])).isEqualTo("mobile");
        assertThat(batch.word(batch.currency[0])).isEqualTo("KZT");
        for (int i = 0; i < 2; i++) {
            assertThat(batch.outcome[i]).isEqualTo(OUTCOME[i]);
            assertThat(batch.account[i]).isEqualTo(ACCOUNT[i]);
            assertThat(batch.plan[i]).isEqualTo(PLAN[i]);
            assertThat(batch.destinationClass[i]).isEqualTo(DESTINATION_CLASS[i]);
            assertThat(batch.currency[i]).isEqualTo(CURRENCY[i]);
            assertThat(batch.period[i]).isEqualTo(PERIOD[i]);
            assertThat(batch.amountScaled[i]).isEqualTo(AMOUNT[i]);
            assertThat(batch.billedUnits[i]).isEqualTo(BILLED[i]);
            assertThat(batch.allowanceUnits[i]).isEqualTo(ALLOWANCE[i]);
            assertThat(batch.chargedUnits[i]).isEqualTo(CHARGED[i]);
            assertThat(batch.flags[i]).isEqualTo(FLAGS[i]);
        }
        assertThat(batch.throttled(0)).isTrue();
        assertThat(batch.late(0)).isTrue();
        assertThat(batch.word(batch.account[1])).isNull();
        assertThat(batch.counters).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(batch.counterOwner[i]).isEqualTo(OWNER[i]);
            assertThat(batch.counterBucket[i]).isEqualTo(BUCKET[i]);
            assertThat(batch.counterPeriod[i]).isEqualTo(COUNTER_PERIOD[i]);
            assertThat(batch.counterUsed[i]).isEqualTo(USED[i]);
        }
    }
}
