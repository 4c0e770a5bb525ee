package dev.ratel.formats.journal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * One row of {@link RatedUsageParquet#SCHEMA}, reused for every row an export writes, and the
 * {@link WriteSupport} that writes it field by field. It replaces parquet's example {@code Group},
 * which built a dozen Strings and objects per row and made the export the slowest stage: ids come
 * from the journal's bytes, numbers are rendered into reused buffers, and names come as bytes made
 * once; Parquet copies reused bytes where it keeps them.
 */
public final class RatedRow {
    public final byte[] recordId = new byte[64];
    public int recordIdLength;
    public final byte[] source = new byte[64];
    public int sourceLength;
    /** Names, as UTF-8 bytes the caller makes once per name (per batch for account ids) rather than per row. */
    public Binary accountId;
    public long subscriber;
    public Binary service;
    public Binary direction;
    /** 0 when there is none (data). */
    public long otherParty;
    public long startEpochMillis;
    public Binary period;
    public Binary planId;
    /** null when none. */
    public Binary destinationClass;
    public long billedUnits;
    public long allowanceUnits;
    public long amountScaled;
    public Binary currency;
    public boolean late;
    public boolean throttled;

    /** A name's bytes for the fields above. */
    public static Binary name(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A writer of rows to {@code file}, with the schema, compression and row-group size of {@link RatedUsageParquet}. */
    public static ParquetWriter<RatedRow> writer(OutputFile file, Configuration conf, long rowGroupBytes) throws java.io.IOException {
        return new Builder(file).withConf(conf).withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                // ids, numbers, accounts and times are nearly all distinct within a day's file (100 000 numbers
                // overflow a dictionary page): a dictionary would only be built to be dropped, and min/max
                // statistics over unsorted ids prune nothing, so neither is kept for them
                .withDictionaryEncoding("record_id", false).withDictionaryEncoding("other_party", false)
                .withDictionaryEncoding("subscriber", false).withDictionaryEncoding("account_id", false)
                .withDictionaryEncoding("start_time", false)
                // units and amounts repeat, but their dictionaries cost an eighth of the export's time for 1 % of
                // the bytes (3 M rated calls: 258 against 255 bytes a CDR on disk, Snappy compresses them anyway)
                .withDictionaryEncoding("billed_units", false).withDictionaryEncoding("allowance_units", false)
                .withDictionaryEncoding("amount", false)
                .withStatisticsEnabled("record_id", false).withStatisticsEnabled("other_party", false)
                .withStatisticsEnabled("subscriber", false).withStatisticsEnabled("account_id", false)
                .withSizeStatisticsEnabled("record_id", false).withSizeStatisticsEnabled("other_party", false)
                .withSizeStatisticsEnabled("subscriber", false).withSizeStatisticsEnabled("account_id", false)
                .build();
    }

    private static final class Builder extends ParquetWriter.Builder<RatedRow, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RatedRow> getWriteSupport(Configuration conf) {
            return new Support();
        }
    }

    private static final class Support extends WriteSupport<RatedRow> {
        private final byte[] subscriberDigits = new byte[20];
        private final byte[] otherPartyDigits = new byte[20];
        private RecordConsumer out;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(RatedUsageParquet.SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(RatedRow row) {
            out.startMessage();
            binary("record_id", 0, Binary.fromReusedByteArray(row.recordId, 0, row.recordIdLength));
            binary("source", 1, Binary.fromReusedByteArray(row.source, 0, row.sourceLength));
            binary("account_id", 2, row.accountId);
            binary("subscriber", 3, number(row.subscriber, subscriberDigits));
            binary("service", 4, row.service);
            binary("direction", 5, row.direction);
            if (row.otherParty > 0) {
                binary("other_party", 6, number(row.otherParty, otherPartyDigits));
            }
            int64("start_time", 7, row.startEpochMillis);
            binary("period", 8, row.period);
            binary("plan_id", 9, row.planId);
            if (row.destinationClass != null) {
                binary("destination_class", 10, row.destinationClass);
            }
            int64("billed_units", 11, row.billedUnits);
            int64("allowance_units", 12, row.allowanceUnits);
            int64("amount", 13, row.amountScaled);
            binary("currency", 14, row.currency);
            bool("late", 15, row.late);
            bool("throttled", 16, row.throttled);
            out.endMessage();
        }

        /**
         * A phone number's decimal digits in a reused buffer: a reused {@code Binary} tells Parquet to
         * copy the bytes wherever it keeps them (dictionary, statistics), so nothing is allocated here.
         */
        private Binary number(long value, byte[] digits) {
            int position = digits.length;
            long rest = value;
            do {
                digits[--position] = (byte) ('0' + rest % 10);
                rest /= 10;
            } while (rest > 0);
            return Binary.fromReusedByteArray(digits, position, digits.length - position);
        }

        private void binary(String field, int index, Binary value) {
            out.startField(field, index);
            out.addBinary(value);
            out.endField(field, index);
        }

        private void int64(String field, int index, long value) {
            out.startField(field, index);
            out.addLong(value);
            out.endField(field, index);
        }

        private void bool(String field, int index, boolean value) {
            out.startField(field, index);
            out.addBoolean(value);
            out.endField(field, index);
        }
    }
}
