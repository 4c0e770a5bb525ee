package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedBatchEncoder;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.Varints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
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
 * The rated journal's excerpt layout, as {@link RatedJournal} draws it: the bytes
 * {@link RatedBatchEncoder} writes, pinned; what {@link RatedBatch} reads back; and the excerpts of
 * homes of format 1, whose counters were keyed by list positions, refused.
 */
class RatedJournalTest {
    @TempDir
    Path dir;

    /** Two decisions: a rated call and a reject (no names), with values at the edges of each field. */
    private static final String[] WORDS = {"ACC-1", "Keńse 15", "mobile", "KZT", "VOICE_KZ_OFFNET"};
    private static final byte[] OUTCOME = {0, 1};
    private static final int[] ACCOUNT = {0, -1};
    private static final int[] PLAN = {1, -1};
    private static final int[] DESTINATION_CLASS = {2, -1};
    private static final int[] CURRENCY = {3, -1};
    private static final int[] CHARGE = {4, -1};
    private static final int[] PERIOD = {24_292, 0};                // 2024-05, then none: a difference of -24 292
    private static final long[] AMOUNT = {-1_234_500, 0};            // a credit of 123.45 (scaled by 10 000)
    private static final long[] BILLED = {Long.MAX_VALUE, 0};
    private static final long[] ALLOWANCE = {60, 0};
    private static final long[] CHARGED = {Long.MIN_VALUE, 0};
    private static final byte[] FLAGS = {RatedBatch.THROTTLED | RatedBatch.LATE, 0};
    /** Two changed counters: a number's holding and a subscription's pool, by their durable codes, a period apart. */
    private static final long[] OWNER = {Integer.MAX_VALUE, 0};
    private static final int[] BUCKET = {65_535, 0};
    private static final int[] COUNTER_PERIOD = {24_292, 24_291};
    private static final long[] USED = {12_000, 0};

    @Test
    void shouldWriteTheChargedExcerptExactlyAsTheLayoutDrawsIt() {
        RatedBatchEncoder encoder = new RatedBatchEncoder().start(0x0102, 1);
        assertThat(encoder.word("A1")).isZero();
        assertThat(encoder.word("p")).isEqualTo(1);
        assertThat(encoder.word("c")).isEqualTo(2);
        assertThat(encoder.word("KZT")).isEqualTo(3);
        assertThat(encoder.word("V")).isEqualTo(4);
        // a call of 2024-05 (period 24 292), 45.00 KZT, 300 s billed, 240 of them from the allowance, 60 charged, late,
        // rated by the rule whose charge code is "V"
        encoder.decision((byte) 0, 0, 1, 2, 3, 4, 24_292, 450_000, 300, 240, 60, (byte) RatedBatch.LATE);
        encoder.counters(1);
        encoder.counter(5, 3, 24_292, 240);
        String expected = "0201000000000000" + "01000000" + "05000000"  // source index 0x0102, 1 record, 5 words
                + "024131" + "0170" + "0163" + "034b5a54" + "0156"        // "A1" "p" "c" "KZT" "V": stop-bit length, UTF-8
                + "12000000"                                              // 18 bytes of decisions:
                + "00" + "01" + "02" + "03" + "04" + "05"                 // rated; references + 1 (the charge code's last)
                + "c8fb02"                                                // period 24 292 - 0, zigzag 48 584
                + "a0f736" + "d804" + "e003" + "78"                       // 450 000, 300, 240, 60 zigzagged
                + "02"                                                    // flags: late
                + "01000000" + "07000000"                                 // 1 counter in 7 bytes:
                + "05" + "03" + "c8fb02" + "e003";                        // owner 5, bucket 3, period 24 292, used 240
        assertThat(HexFormat.of().formatHex(encoder.toBytes())).isEqualTo(expected);
    }

    @Test
    void shouldReadBackWhatTheEncoderWroteAtTheEdgesOfEveryField() {
        try (RatedJournal rated = RatedJournal.open(dir.resolve("rated"))) {
            RatedBatchEncoder encoder = new RatedBatchEncoder().start(78, 2);
            for (String word : WORDS) {
                encoder.word(word);
            }
            for (int i = 0; i < 2; i++) {
                encoder.decision(OUTCOME[i], ACCOUNT[i], PLAN[i], DESTINATION_CLASS[i], CURRENCY[i], CHARGE[i], PERIOD[i], AMOUNT[i], BILLED[i],
                        ALLOWANCE[i], CHARGED[i], FLAGS[i]);
            }
            encoder.counters(2);
            for (int i = 0; i < 2; i++) {
                encoder.counter(OWNER[i], BUCKET[i], COUNTER_PERIOD[i], USED[i]);
            }
            long index = rated.append(encoder);
            RatedBatch batch = new RatedBatch();
            assertThat(rated.read(index, batch)).isTrue();
            assertBatch(batch, 78);
            assertThat(rated.last().ratedIndex()).isEqualTo(index);
            assertThat(rated.last().sourceIndex()).isEqualTo(78);
            RatedBatch decisionsOnly = RatedBatch.decisionsOnly();
            assertThat(rated.read(index, decisionsOnly)).isTrue();
            assertThat(decisionsOnly.amountScaled[0]).isEqualTo(-1_234_500);
            assertThat(decisionsOnly.counters).isZero();
        }
    }

    @Test
    void shouldReadAnExcerptWrittenBeforeChargeCodesWereKeptAsHavingNone() {
        Path directory = dir.resolve("rated");
        // a RATED_BATCH_CHECKED excerpt as the Ratel before this layout wrote it: the pinned bytes above without the
        // charge code's word and reference (its checksum is not checked when read by index)
        String older = "0201000000000000" + "01000000" + "04000000" + "024131" + "0170" + "0163" + "034b5a54"
                + "11000000" + "00" + "01" + "02" + "03" + "04" + "c8fb02" + "a0f736" + "d804" + "e003" + "78" + "02"
                + "01000000" + "07000000" + "05" + "03" + "c8fb02" + "e003";
        long index;
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_DAILY).build()) {
            ExcerptAppender appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> out = dc.wire().bytes();
                out.writeByte(RatedJournal.RATED_BATCH_CHECKED);
                byte[] body = HexFormat.of().parseHex(older);
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(body);
                out.writeInt((int) crc.getValue());
                out.write(body);
                index = dc.index();
            }
        }
        try (RatedJournal rated = RatedJournal.open(directory)) {
            RatedBatch batch = new RatedBatch();
            assertThat(rated.read(index, batch)).isTrue();
            assertThat(batch.records).isEqualTo(1);
            assertThat(batch.word(batch.currency[0])).isEqualTo("KZT");
            assertThat(batch.chargeCode[0]).isEqualTo(-1);
            assertThat(batch.billedUnits[0]).isEqualTo(300);
            assertThat(batch.counterUsed[0]).isEqualTo(240);
            assertThat(rated.last().sourceIndex()).isEqualTo(0x0102);
        }
    }

    @Test
    void shouldRefuseTheExcerptsOfAHomeWhoseCountersWereKeyedByPosition() {
        Path directory = dir.resolve("rated");
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(directory.toFile()).rollCycle(RollCycles.FAST_DAILY).build()) {
            ExcerptAppender appender = queue.createAppender();
            try (DocumentContext dc = appender.writingDocument()) {
                Bytes<?> out = dc.wire().bytes();
                out.writeByte(RatedJournal.RATED_BATCH_PACKED);
                out.writeLong(91);
                out.writeInt(0);
                out.writeInt(0);
            }
        }
        try (RatedJournal rated = RatedJournal.open(directory); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            assertThatThrownBy(() -> reader.next(new RatedBatch())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("format 1, counters keyed by list positions");
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
        // 1 + 4 + 1 + (3 + 2 + 2 + 1) + 1 = 15 bytes against the 54 of the fixed widths written before packing
        assertThat(at).isEqualTo(15).isLessThan(54 / 3);
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

    private static void assertBatch(RatedBatch batch, long sourceIndex) {
        assertThat(batch.sourceIndex).isEqualTo(sourceIndex);
        assertThat(batch.records).isEqualTo(2);
        assertThat(batch.word(batch.account[0])).isEqualTo("ACC-1");
        assertThat(batch.word(batch.plan[0])).isEqualTo("Keńse 15");
        assertThat(new String(batch.wordBytes, batch.wordOffset[1], batch.wordLength[1], StandardCharsets.UTF_8)).isEqualTo("Keńse 15");
        assertThat(batch.word(batch.destinationClass[0])).isEqualTo("mobile");
        assertThat(batch.word(batch.currency[0])).isEqualTo("KZT");
        assertThat(batch.word(batch.chargeCode[0])).isEqualTo("VOICE_KZ_OFFNET");
        for (int i = 0; i < 2; i++) {
            assertThat(batch.outcome[i]).isEqualTo(OUTCOME[i]);
            assertThat(batch.account[i]).isEqualTo(ACCOUNT[i]);
            assertThat(batch.plan[i]).isEqualTo(PLAN[i]);
            assertThat(batch.destinationClass[i]).isEqualTo(DESTINATION_CLASS[i]);
            assertThat(batch.currency[i]).isEqualTo(CURRENCY[i]);
            assertThat(batch.chargeCode[i]).isEqualTo(CHARGE[i]);
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
