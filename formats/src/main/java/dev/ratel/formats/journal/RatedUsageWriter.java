package dev.ratel.formats.journal;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Writes {@link RatedUsageParquet#SCHEMA} files column by column: a row group is kept as arrays of
 * primitives; when full it is handed to the {@link Pool}'s encoder thread, which encodes each column
 * in one pass into one Snappy-compressed data page ({@link RowGroupEncoder}) and gives it to
 * parquet-mr's {@link ParquetFileWriter}, which lays out the file, its footer, statistics and page
 * indexes and writes through the Hadoop {@code FileSystem}. The next row group fills meanwhile.
 *
 * <p><b>Why not parquet-mr's record writer.</b> The export is on the hot path of every bill run. Going
 * through {@code ParquetWriter}'s record API, every field of every row passed through a record consumer
 * and a column writer, with a dictionary kept and checked, statistics and size statistics updated per
 * value: three quarters of the export's time, which made the export the slowest stage (470 000 rows a
 * second against 1.2 million for rating). The encodings here are the plain ones of the Parquet
 * format, written as parquet-mr's own v1 writer writes them, so every reader takes the files as before.
 *
 * <p>Encodings: record and account ids PLAIN without min/max (nearly all distinct, unsorted: nothing
 * to prune on); numbers PLAIN with min/max and null counts; source, service, direction, period, plan,
 * destination class, currency and charge code PLAIN_DICTIONARY, one dictionary per row group, with min/max taken
 * from it; times, units and amounts PLAIN with min/max; flags PLAIN (bit-packed). Optional columns
 * carry RLE definition levels.
 */
public final class RatedUsageWriter implements Closeable {
    /** Rows per row group, as DuckDB's writer (122 880) rounded down to a power of two: one page per column. */
    public static final int ROWS_PER_GROUP = 65_536;

    private final ParquetFileWriter file;
    private final Pool pool;
    private final boolean ownsPool;
    private Columns columns;
    private long rowsHandedOver;

    private RatedUsageWriter(ParquetFileWriter file, Pool pool, boolean ownsPool) {
        this.file = file;
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.columns = pool.take();
    }

    /** Creates {@code file} of {@code fs} (it must not exist) and writes its header, with an encoder of its own. */
    public static RatedUsageWriter create(FileSystem fs, Path file) throws IOException {
        Pool pool = new Pool();
        try {
            return new RatedUsageWriter(pool.start(fs, file), pool, true);
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Rows written so far, including those still buffered. */
    public long rows() {
        return rowsHandedOver + columns.rows;
    }

    /** Copies a row into the row group being filled; a full group goes to the encoder. */
    public void write(RatedRow row) throws IOException {
        Columns c = columns;
        int r = c.rows;
        c.recordIds.add(row.recordId, 0, row.recordIdLength);
        c.sources.add(row.source, 0, row.sourceLength, r);
        c.accountIds.add(row.accountId.bytes(), row.accountId.offset(), row.accountId.length());
        c.subscribers[r] = row.subscriber;
        c.services.add(row.service, r);
        c.directions.add(row.direction, r);
        c.otherParties[r] = row.otherParty;
        c.startTimes[r] = row.startEpochMillis;
        c.periods.add(row.period, r);
        c.plans.add(row.planId, r);
        if (row.destinationClass == null) {
            c.destinations.addNull(r);
        } else {
            c.destinations.add(row.destinationClass, r);
        }
        c.billedUnits[r] = row.billedUnits;
        c.allowanceUnits[r] = row.allowanceUnits;
        c.amounts[r] = row.amountScaled;
        c.currencies.add(row.currency, r);
        c.flags[r] = (byte) ((row.late ? 1 : 0) | (row.throttled ? 2 : 0));
        if (row.chargeCode == null) {
            c.chargeCodes.addNull(r);
        } else {
            c.chargeCodes.add(row.chargeCode, r);
        }
        c.rows = r + 1;
        if (c.rows == ROWS_PER_GROUP) {
            pool.encodeLater(file, c, false);
            rowsHandedOver += ROWS_PER_GROUP;
            columns = pool.take();
        }
    }

    /**
     * Hands the last row group and the footer to the encoder. The file is complete once the pool is
     * closed (at once for a writer made by {@link #create}).
     */
    @Override
    public void close() throws IOException {
        if (columns == null) {
            return;
        }
        Columns last = columns;
        columns = null;
        pool.encodeLater(file, last, true);
        if (ownsPool) {
            pool.close();
        }
    }

    /**
     * Writers that share one encoder thread and recycle their row groups' arrays. An export opens a
     * writer per partition; a row group's columns are a few MB of arrays that G1 allocates outside its
     * young regions, so they are kept for the next writer rather than made per file. Filling row groups
     * (the export's thread) and encoding them (this pool's thread) go on side by side, on the two cores
     * of a small machine. Writers are used from one thread; {@link #close} waits for every file handed
     * over and reports the first failure (a full disk, say).
     */
    public static final class Pool implements Closeable {
        /** Row groups handed over and not yet encoded: enough to keep the encoder busy, few enough for a small heap. */
        private static final int IN_FLIGHT = 2;
        private final ArrayDeque<Columns> free = new ArrayDeque<>();
        private final RowGroupEncoder encoder = new RowGroupEncoder();
        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread encoderThread = new Thread(task, "parquet-encoder");
            encoderThread.setDaemon(true);
            return encoderThread;
        });
        private volatile Throwable failure;

        /** Creates {@code file} of {@code fs} (it must not exist) and writes its header. */
        public RatedUsageWriter create(FileSystem fs, Path file) throws IOException {
            return new RatedUsageWriter(start(fs, file), this, false);
        }

        private ParquetFileWriter start(FileSystem fs, Path file) throws IOException {
            failIfBroken();
            // no padding to file-system blocks; page checksums on, as parquet-mr's default
            ParquetFileWriter writer = new ParquetFileWriter(new NewFile(fs, file), RatedUsageParquet.SCHEMA,
                    ParquetFileWriter.Mode.CREATE, 128L * 1024 * 1024, 0, 64, Integer.MAX_VALUE, true);
            writer.start();
            return writer;
        }

        private synchronized Columns take() {
            Columns columns = free.poll();
            return columns == null ? new Columns() : columns;
        }

        private synchronized void giveBack(Columns columns) {
            columns.clear();
            free.push(columns);
        }

        /** Row groups of one file are encoded in the order handed over: the encoder is one thread. */
        private void encodeLater(ParquetFileWriter file, Columns columns, boolean last) throws IOException {
            failIfBroken();
            inFlight.acquireUninterruptibly();
            thread.execute(() -> {
                try {
                    if (failure != null) {
                        if (last) {
                            file.abort();
                        }
                        return;
                    }
                    if (columns.rows > 0) {
                        encoder.write(file, columns);
                    }
                    if (last) {
                        file.end(Map.of());
                    }
                } catch (Throwable e) {
                    failure = e;
                    file.abort();
                } finally {
                    giveBack(columns);
                    inFlight.release();
                }
            });
        }

        private void failIfBroken() throws IOException {
            Throwable broken = failure;
            if (broken != null) {
                throw new IOException(broken.getMessage(), broken);
            }
        }

        /** Waits until every file handed over so far is written; throws the first failure. The pool stays open. */
        public void await() throws IOException {
            try {
                thread.submit(() -> { }).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the Parquet encoder finished", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(e.getCause());
            }
            failIfBroken();
        }

        /** Waits until every file handed over is written; throws the first failure. */
        @Override
        public void close() throws IOException {
            thread.shutdown();
            try {
                while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a slow file system: keep waiting, the files must be complete or failed before the export goes on
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the Parquet encoder finished", e);
            }
            failIfBroken();
        }
    }

    /**
     * A file created through the given {@code FileSystem}, not the one the path's scheme names in a
     * configuration ({@code HadoopOutputFile}): the export passes the raw local one.
     */
    private record NewFile(FileSystem fs, Path path) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, false));
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return HadoopStreams.wrap(fs.create(path, true));
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return path.toString();
        }
    }

    /** A row group being filled or encoded. */
    static final class Columns {
        int rows;
        final ByteColumn recordIds = new ByteColumn();
        final DictionaryColumn sources = new DictionaryColumn();
        final ByteColumn accountIds = new ByteColumn();
        final long[] subscribers = new long[ROWS_PER_GROUP];
        final DictionaryColumn services = new DictionaryColumn();
        final DictionaryColumn directions = new DictionaryColumn();
        final long[] otherParties = new long[ROWS_PER_GROUP];
        final long[] startTimes = new long[ROWS_PER_GROUP];
        final DictionaryColumn periods = new DictionaryColumn();
        final DictionaryColumn plans = new DictionaryColumn();
        final DictionaryColumn destinations = new DictionaryColumn();
        final long[] billedUnits = new long[ROWS_PER_GROUP];
        final long[] allowanceUnits = new long[ROWS_PER_GROUP];
        final long[] amounts = new long[ROWS_PER_GROUP];
        final DictionaryColumn currencies = new DictionaryColumn();
        final byte[] flags = new byte[ROWS_PER_GROUP];
        final DictionaryColumn chargeCodes = new DictionaryColumn();

        void clear() {
            rows = 0;
            recordIds.clear();
            accountIds.clear();
            for (DictionaryColumn column : new DictionaryColumn[] {sources, services, directions, periods, plans, destinations,
                currencies, chargeCodes}) {
                column.clear();
            }
        }
    }

    /** Variable-length values of a row group, end to end. */
    static final class ByteColumn {
        byte[] data = new byte[1 << 20];
        final int[] ends = new int[ROWS_PER_GROUP];
        int size;
        int count;

        void add(byte[] bytes, int offset, int length) {
            if (data.length < size + length) {
                data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
            }
            System.arraycopy(bytes, offset, data, size, length);
            size += length;
            ends[count++] = size;
        }

        void clear() {
            size = 0;
            count = 0;
        }
    }

    /**
     * A row group's dictionary of names and each row's index into it (-1 for null). Consecutive rows
     * mostly repeat a name, so the last row's entry is compared first, before the hash table.
     */
    static final class DictionaryColumn {
        final int[] indexes = new int[ROWS_PER_GROUP];
        byte[] data = new byte[256];
        int[] ends = new int[16];
        int size;
        int entries;
        int[] slots = new int[64];
        int last = -1;
        /** The name the last row gave: the same object is the same bytes (a caller does not change them under a name). */
        RatedRow.Name lastName;
        /**
         * The last few names given and their entries, by identity: rows alternate between a handful of
         * names (destination classes), and hashing their bytes every row was a tenth of the export's thread.
         */
        private final RatedRow.Name[] recentNames = new RatedRow.Name[RECENT];
        private final int[] recentEntries = new int[RECENT];
        private int recentNext;
        private static final int RECENT = 8;

        void add(RatedRow.Name name, int row) {
            if (name == lastName) {
                indexes[row] = last;
                return;
            }
            for (int i = 0; i < RECENT; i++) {
                if (recentNames[i] == name) {
                    last = recentEntries[i];
                    lastName = name;
                    indexes[row] = last;
                    return;
                }
            }
            add(name.bytes(), name.offset(), name.length(), row);
            lastName = name;
            recentNames[recentNext] = name;
            recentEntries[recentNext] = last;
            recentNext = (recentNext + 1) & (RECENT - 1);
        }

        void addNull(int row) {
            indexes[row] = -1;
        }

        void add(byte[] bytes, int offset, int length, int row) {
            if (last >= 0 && sameAs(last, bytes, offset, length)) {
                indexes[row] = last;
                return;
            }
            int hash = hash(bytes, offset, length);
            int mask = slots.length - 1;
            int slot = hash & mask;
            while (slots[slot] != 0) {
                int entry = slots[slot] - 1;
                if (sameAs(entry, bytes, offset, length)) {
                    last = entry;
                    lastName = null;
                    indexes[row] = entry;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            int entry = append(bytes, offset, length);
            lastName = null;
            slots[slot] = entry + 1;
            if (entries * 2 > slots.length) {
                rehash();
            }
            last = entry;
            indexes[row] = entry;
        }

        private boolean sameAs(int entry, byte[] bytes, int offset, int length) {
            int start = entry == 0 ? 0 : ends[entry - 1];
            if (ends[entry] - start != length) {
                return false;
            }
            // names are a few bytes: a plain loop beats the set-up of a vectorised compare
            for (int i = 0; i < length; i++) {
                if (data[start + i] != bytes[offset + i]) {
                    return false;
                }
            }
            return true;
        }

        private int append(byte[] bytes, int offset, int length) {
            if (data.length < size + length) {
                data = Arrays.copyOf(data, Math.max(size + length, data.length * 2));
            }
            if (entries == ends.length) {
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            System.arraycopy(bytes, offset, data, size, length);
            size += length;
            ends[entries] = size;
            return entries++;
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            int mask = slots.length - 1;
            int start = 0;
            for (int e = 0; e < entries; e++) {
                int slot = hash(data, start, ends[e] - start) & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = e + 1;
                start = ends[e];
            }
        }

        private static int hash(byte[] bytes, int offset, int length) {
            int hash = 1;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + bytes[i];
            }
            return hash * 0x9E3779B9 >>> 7;
        }

        void clear() {
            size = 0;
            entries = 0;
            last = -1;
            lastName = null;
            Arrays.fill(recentNames, null);
            Arrays.fill(slots, 0);
        }
    }
}
