package dev.ratel.formats.journal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.xerial.snappy.Snappy;

/**
 * Encodes one row group of {@link RatedUsageWriter.Columns} into a {@link ParquetFileWriter}: per
 * column one Snappy-compressed v1 data page, a dictionary page first for the dictionary columns. The
 * encodings are those of the Parquet format as parquet-mr's v1 writer writes them (see
 * {@link RatedUsageWriter} for which column gets which). Holds the page buffers: one encoder per thread.
 */
final class RowGroupEncoder {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final List<ColumnDescriptor> COLUMNS = RatedUsageParquet.SCHEMA.getColumns();
    private static final long[] POWERS_OF_TEN = new long[20];

    /** The last and the first digit of 0-99, for numbers written two digits at a time. */
    private static final byte[] DIGIT_ONES = new byte[100];
    private static final byte[] DIGIT_TENS = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_ONES[i] = (byte) ('0' + i % 10);
            DIGIT_TENS[i] = (byte) ('0' + i / 10);
        }
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private ParquetFileWriter file;
    private int rows;
    /** The page being encoded, then the same page compressed. */
    private byte[] page = new byte[1 << 20];
    private int pageSize;
    private byte[] packed = new byte[1 << 20];

    /** Writes the row group held in {@code columns} (at least one row) as the next one of {@code file}. */
    void write(ParquetFileWriter file, RatedUsageWriter.Columns columns) throws IOException {
        this.file = file;
        this.rows = columns.rows;
        file.startBlock(rows);
        plainBytes(COLUMNS.get(0), columns.recordIds);
        dictionary(COLUMNS.get(1), columns.sources);
        plainBytes(COLUMNS.get(2), columns.accountIds);
        plainNumbers(COLUMNS.get(3), columns.subscribers);
        dictionary(COLUMNS.get(4), columns.services);
        dictionary(COLUMNS.get(5), columns.directions);
        plainNumbers(COLUMNS.get(6), columns.otherParties);
        plainLongs(COLUMNS.get(7), columns.startTimes);
        dictionary(COLUMNS.get(8), columns.periods);
        dictionary(COLUMNS.get(9), columns.plans);
        dictionary(COLUMNS.get(10), columns.destinations);
        plainLongs(COLUMNS.get(11), columns.billedUnits);
        plainLongs(COLUMNS.get(12), columns.allowanceUnits);
        plainLongs(COLUMNS.get(13), columns.amounts);
        dictionary(COLUMNS.get(14), columns.currencies);
        plainBooleans(COLUMNS.get(15), columns.flags, 1);
        plainBooleans(COLUMNS.get(16), columns.flags, 2);
        dictionary(COLUMNS.get(17), columns.chargeCodes);
        file.endBlock();
        this.file = null;
    }

    private void plainBytes(ColumnDescriptor column, RatedUsageWriter.ByteColumn values) throws IOException {
        pageSize = 0;
        ensure(rows * 4 + values.size);
        int start = 0;
        for (int r = 0; r < rows; r++) {
            int end = values.ends[r];
            putInt(end - start);
            System.arraycopy(values.data, start, page, pageSize, end - start);
            pageSize += end - start;
            start = end;
        }
        dataPage(column, rows, emptyStatistics(column), Encoding.PLAIN);
    }

    /**
     * Phone numbers as their decimal digits; 0 is none (null), in an optional column. Min and max are
     * those of the digit strings, found without making them: a number padded with zeros to 19 digits
     * orders as its string does (unsigned, ties to the shorter).
     */
    private void plainNumbers(ColumnDescriptor column, long[] numbers) throws IOException {
        boolean optional = column.getMaxDefinitionLevel() > 0;
        pageSize = 0;
        ensure(rows * 24 + 8 + rows / 4);
        int nulls = optional ? definitionLevels(numbers) : 0;
        long minPadded = -1;
        long maxPadded = 0;
        int minDigits = 20;
        int maxDigits = 0;
        long min = 0;
        long max = 0;
        for (int r = 0; r < rows; r++) {
            long number = numbers[r];
            if (number == 0 && optional) {
                continue;
            }
            int digits = digits(number);
            long padded = number * POWERS_OF_TEN[19 - digits];
            if (Long.compareUnsigned(padded, minPadded) < 0 || padded == minPadded && digits < minDigits) {
                minPadded = padded;
                minDigits = digits;
                min = number;
            }
            if (Long.compareUnsigned(padded, maxPadded) > 0 || padded == maxPadded && digits > maxDigits) {
                maxPadded = padded;
                maxDigits = digits;
                max = number;
            }
            putInt(digits);
            int position = pageSize + digits;
            long rest = number;
            while (rest >= 100) {
                long quotient = rest / 100;
                int pair = (int) (rest - quotient * 100);
                page[--position] = DIGIT_ONES[pair];
                page[--position] = DIGIT_TENS[pair];
                rest = quotient;
            }
            page[--position] = DIGIT_ONES[(int) rest];
            if (rest >= 10) {
                page[--position] = DIGIT_TENS[(int) rest];
            }
            pageSize += digits;
        }
        Statistics<?> statistics = Statistics.createStats(column.getPrimitiveType());
        if (nulls < rows) {
            statistics.updateStats(Binary.fromString(Long.toString(min)));
            statistics.updateStats(Binary.fromString(Long.toString(max)));
        }
        statistics.incrementNumNulls(nulls);
        dataPage(column, rows, statistics, Encoding.PLAIN);
    }

    private void plainLongs(ColumnDescriptor column, long[] values) throws IOException {
        pageSize = 0;
        ensure(rows * 8);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            long value = values[r];
            LONG_LE.set(page, pageSize, value);
            pageSize += 8;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        Statistics<?> statistics = Statistics.createStats(column.getPrimitiveType());
        if (rows > 0) {
            statistics.updateStats(min);
            statistics.updateStats(max);
        }
        dataPage(column, rows, statistics, Encoding.PLAIN);
    }

    private void plainBooleans(ColumnDescriptor column, byte[] flags, int bit) throws IOException {
        pageSize = 0;
        ensure(rows / 8 + 1);
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (int r = 0; r < rows; r += 8) {
            int packedBits = 0;
            for (int k = 0; k < 8 && r + k < rows; k++) {
                boolean value = (flags[r + k] & bit) != 0;
                packedBits |= (value ? 1 : 0) << k;
                anyTrue |= value;
                anyFalse |= !value;
            }
            page[pageSize++] = (byte) packedBits;
        }
        Statistics<?> statistics = Statistics.createStats(column.getPrimitiveType());
        if (anyFalse) {
            statistics.updateStats(false);
        }
        if (anyTrue) {
            statistics.updateStats(true);
        }
        dataPage(column, rows, statistics, Encoding.PLAIN);
    }

    private void dictionary(ColumnDescriptor column, RatedUsageWriter.DictionaryColumn values) throws IOException {
        boolean optional = column.getMaxDefinitionLevel() > 0;
        if (values.entries == 0) {
            // every row null: definition levels alone, no dictionary to point into
            pageSize = 0;
            ensure(rows / 4 + 16);
            Statistics<?> statistics = Statistics.createStats(column.getPrimitiveType());
            statistics.incrementNumNulls(definitionLevels(values.indexes));
            dataPage(column, rows, statistics, Encoding.PLAIN);
            return;
        }
        // the dictionary page: its entries PLAIN, in the order of their indexes
        pageSize = 0;
        ensure(values.entries * 4 + values.size);
        Statistics<?> statistics = Statistics.createStats(column.getPrimitiveType());
        int start = 0;
        for (int e = 0; e < values.entries; e++) {
            int end = values.ends[e];
            putInt(end - start);
            System.arraycopy(values.data, start, page, pageSize, end - start);
            pageSize += end - start;
            // reused: the statistics copy what they keep, since the dictionary's array is refilled by the next row group
            // before the footer (with every page's min and max) is written
            statistics.updateStats(Binary.fromReusedByteArray(values.data, start, end - start));
            start = end;
        }
        int uncompressed = pageSize;
        int compressed = compress();
        file.startColumn(column, rows, CompressionCodecName.SNAPPY);
        file.writeDictionaryPage(new DictionaryPage(BytesInput.from(packed, 0, compressed), uncompressed, values.entries,
                Encoding.PLAIN_DICTIONARY));

        // the data page: definition levels when optional, then the indexes, RLE / bit-packed
        pageSize = 0;
        ensure(rows * 5 + 16);
        int nulls = 0;
        if (optional) {
            nulls = definitionLevels(values.indexes);
        }
        int bitWidth = 32 - Integer.numberOfLeadingZeros(Math.max(values.entries - 1, 0));
        page[pageSize++] = (byte) bitWidth;
        hybrid(values.indexes, rows, bitWidth, optional);
        statistics.incrementNumNulls(nulls);
        dataPageOfStartedColumn(column, rows, statistics, Encoding.PLAIN_DICTIONARY);
    }

    /** Definition levels of an optional number column (1 present, 0 null: a null is 0); returns the nulls. */
    private int definitionLevels(long[] numbers) {
        int lengthAt = pageSize;
        pageSize += 4;
        int nulls = 0;
        int[] levels = levelScratch();
        for (int r = 0; r < rows; r++) {
            levels[r] = numbers[r] == 0 ? 0 : 1;
            nulls += 1 - levels[r];
        }
        hybrid(levels, rows, 1, false);
        INT_LE.set(page, lengthAt, pageSize - lengthAt - 4);
        return nulls;
    }

    /** Definition levels of an optional dictionary column (a null is index -1); returns the nulls. */
    private int definitionLevels(int[] indexes) {
        int lengthAt = pageSize;
        pageSize += 4;
        int nulls = 0;
        int[] levels = levelScratch();
        for (int r = 0; r < rows; r++) {
            levels[r] = indexes[r] < 0 ? 0 : 1;
            nulls += 1 - levels[r];
        }
        hybrid(levels, rows, 1, false);
        INT_LE.set(page, lengthAt, pageSize - lengthAt - 4);
        return nulls;
    }

    private final int[] levels = new int[RatedUsageWriter.ROWS_PER_GROUP];

    private int[] levelScratch() {
        return levels;
    }

    /**
     * The RLE / bit-packing hybrid of the Parquet format: a repeat of eight or more is one RLE run,
     * anything else is bit-packed in groups of eight, LSB first. With {@code skipNegative} the negative
     * values (nulls, which have no index) are left out. Each loop is a method of its own: as one
     * method, C2 compiled it seven times a run (each loop's on-stack replacement, and again when a
     * loop's profile changed), a tenth of the export's compiling.
     */
    private void hybrid(int[] values, int count, int bitWidth, boolean skipNegative) {
        int[] kept = values;
        int n = count;
        if (skipNegative) {
            kept = compactScratch(values, count);
            n = compacted;
        }
        int i = 0;
        while (i < n) {
            int run = repeats(kept, i, n, Integer.MAX_VALUE);
            if (run >= 8) {
                putRun(kept[i], run, (bitWidth + 7) / 8);
                i += run;
            } else {
                i = bitPack(kept, i, packedEnd(kept, i, n), n, bitWidth);
            }
        }
    }

    /** How many values from {@code i} on equal {@code values[i]}, counting up to {@code limit}. */
    private static int repeats(int[] values, int i, int n, int limit) {
        int run = 1;
        while (i + run < n && run < limit && values[i + run] == values[i]) {
            run++;
        }
        return run;
    }

    /** Where a bit-packed stretch from {@code i} ends: at the next repeat of eight or more, or at {@code n}. */
    private static int packedEnd(int[] values, int i, int n) {
        int end = i;
        while (end < n) {
            int repeat = repeats(values, end, n, 8);
            if (repeat >= 8) {
                break;
            }
            end += repeat;
        }
        return end;
    }

    private void putRun(int value, int run, int byteWidth) {
        putVarInt(run << 1);
        for (int b = 0; b < byteWidth; b++) {
            page[pageSize++] = (byte) (value >>> (8 * b));
        }
    }

    /** Bit-packs {@code [i, end)} in whole groups of eight, zeros past {@code n}; returns where the next stretch starts. */
    private int bitPack(int[] values, int i, int end, int n, int bitWidth) {
        int groups = (end - i + 7) / 8;
        putVarInt(groups << 1 | 1);
        long bits = 0;
        int held = 0;
        for (int k = 0; k < groups * 8; k++) {
            long value = i + k < n ? values[i + k] & 0xFFFFFFFFL : 0;
            bits |= value << held;
            held += bitWidth;
            while (held >= 8) {
                page[pageSize++] = (byte) bits;
                bits >>>= 8;
                held -= 8;
            }
        }
        return Math.min(i + groups * 8, n);
    }

    private final int[] compact = new int[RatedUsageWriter.ROWS_PER_GROUP];
    private int compacted;

    private int[] compactScratch(int[] values, int count) {
        int n = 0;
        for (int r = 0; r < count; r++) {
            if (values[r] >= 0) {
                compact[n++] = values[r];
            }
        }
        compacted = n;
        return compact;
    }

    private void dataPage(ColumnDescriptor column, int values, Statistics<?> statistics, Encoding encoding) throws IOException {
        file.startColumn(column, values, CompressionCodecName.SNAPPY);
        dataPageOfStartedColumn(column, values, statistics, encoding);
    }

    private void dataPageOfStartedColumn(ColumnDescriptor column, int values, Statistics<?> statistics, Encoding encoding)
            throws IOException {
        int uncompressed = pageSize;
        int compressed = compress();
        Encoding definition = column.getMaxDefinitionLevel() > 0 ? Encoding.RLE : Encoding.BIT_PACKED;
        file.writeDataPage(values, uncompressed, BytesInput.from(packed, 0, compressed), statistics, rows, Encoding.BIT_PACKED,
                definition, encoding);
        file.endColumn();
    }

    /**
     * No min/max: {@link ParquetFileWriter} then keeps no column index for the chunk. Only for required
     * columns, where the null count of 0 it records is true (DuckDB answers {@code count(column)} from it).
     */
    private static Statistics<?> emptyStatistics(ColumnDescriptor column) {
        return Statistics.createStats(column.getPrimitiveType());
    }

    private int compress() throws IOException {
        int bound = Snappy.maxCompressedLength(pageSize);
        if (packed.length < bound) {
            packed = new byte[Math.max(bound, packed.length * 2)];
        }
        return Snappy.compress(page, 0, pageSize, packed, 0);
    }

    private void ensure(int bytes) {
        if (page.length < pageSize + bytes) {
            page = Arrays.copyOf(page, Math.max(pageSize + bytes, page.length * 2));
        }
    }

    private void putInt(int value) {
        INT_LE.set(page, pageSize, value);
        pageSize += 4;
    }

    private void putVarInt(int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            page[pageSize++] = (byte) (rest & 0x7F | 0x80);
            rest >>>= 7;
        }
        page[pageSize++] = (byte) rest;
    }

    private static int digits(long value) {
        int digits = 1;
        long bound = 10;
        while (digits < 19 && value >= bound) {
            digits++;
            bound *= 10;
        }
        return digits;
    }
}
