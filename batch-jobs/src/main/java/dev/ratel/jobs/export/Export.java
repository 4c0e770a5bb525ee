package dev.ratel.jobs.export;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.RatedRow;
import dev.ratel.formats.journal.RatedUsageParquet;
import dev.ratel.formats.journal.RatedUsageWriter;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.home.HomeLock;
import dev.ratel.jobs.rate.RecordRater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Exports rated usage not exported before to Parquet under {@code OUT/rated/period=YYYY-MM/day=DD/},
 * reading the rated journal and the usage journal in step. Each run writes one file per partition,
 * named by the range of rated excerpts it holds, first under a hidden temporary name and then renamed
 * into place; only then does {@code HOME/export/exported} move on. A run killed before that repeats
 * the same range into the same file names, so every rated record is exported exactly once.
 * Rejected decisions are not usage and are not exported.
 */
public final class Export {
    /** What a run exported. */
    public record Summary(long batches, long rows, long amountScaled, int files) {
    }

    private static final byte RATED_CODE = RecordRater.Outcome.RATED.code();
    /** Partitions written at once: each open writer buffers up to a row group. */
    static final int MAX_OPEN_WRITERS = 8;

    private final java.nio.file.Path home;
    private final String outUri;
    private final Map<String, TariffPlan> plans;

    public Export(java.nio.file.Path home, String outUri, Map<String, TariffPlan> plans) {
        this.home = home;
        this.outUri = outUri;
        this.plans = plans;
    }

    private static void deleteMatching(FileSystem fs, Path pattern) throws IOException {
        org.apache.hadoop.fs.FileStatus[] found = fs.globStatus(pattern);
        if (found != null) {
            for (org.apache.hadoop.fs.FileStatus status : found) {
                fs.delete(status.getPath(), false);
            }
        }
    }

    private static RatedRow.Name[] names(Enum<?>[] values) {
        RatedRow.Name[] names = new RatedRow.Name[values.length];
        for (Enum<?> value : values) {
            names[value.ordinal()] = RatedRow.Name.of(value.name());
        }
        return names;
    }

    public Summary run() throws IOException {
        java.nio.file.Path state = dev.ratel.jobs.home.HomeLayout.exportCheckpoint(home);
        Path root = new Path(outUri, "rated");
        FileSystem fs = RatedUsageParquet.fileSystem(root, RatedUsageParquet.configuration(root));
        try (HomeLock lock = HomeLock.acquire(home);
             UsageJournal usage = UsageJournal.open(dev.ratel.jobs.home.HomeLayout.journal(home));
             RatedJournal rated = RatedJournal.open(dev.ratel.jobs.home.HomeLayout.rated(home));
             JournalCursor cursor = usage.cursor()) {
            long last = exportedThrough(state);
            new PeriodCompaction(home, fs, root, RatedUsageParquet.configuration(root)).recover();
            deleteMatching(fs, new Path(root, "period=*/day=*/.part-*.parquet.tmp"));
            Pass pass = new Pass(fs, root, cursor);
            pass.lastExported = last;
            RatedBatch batch = RatedBatch.decisionsOnly();
            try (RatedJournal.Reader reader = rated.readAfter(last)) {
                while (reader.next(batch)) {
                    pass.exportBatch(batch, reader.index());
                }
            } finally {
                pass.close();
            }
            long first = pass.first;
            long lastExported = pass.lastExported;
            long batches = pass.batches;
            long rowCount = pass.rowCount;
            long amount = pass.amount;
            Map<String, java.util.List<Path>> temporary = pass.temporary;
            if (batches == 0) {
                return new Summary(0, 0, 0, 0);
            }
            // An attempt killed between publishing and moving the checkpoint started at the same excerpt:
            // its files go, whatever range they covered, so no row is published twice.
            deleteMatching(fs, new Path(root, "period=*/day=*/part-" + Long.toHexString(first) + "-*.parquet"));
            String name = "part-" + Long.toHexString(first) + "-" + Long.toHexString(lastExported);
            int files = 0;
            for (Map.Entry<String, java.util.List<Path>> entry : temporary.entrySet()) {
                for (int k = 0; k < entry.getValue().size(); k++) {
                    Path target = new Path(root, entry.getKey() + "/" + name + (k == 0 ? "" : "-" + k) + ".parquet");
                    if (fs.exists(target)) {
                        fs.delete(target, false);
                    }
                    if (!fs.rename(entry.getValue().get(k), target)) {
                        throw new IOException("could not publish " + target);
                    }
                    files++;
                }
            }
            Files.createDirectories(state.getParent());
            java.nio.file.Path next = state.resolveSibling("exported.tmp");
            Files.writeString(next, Long.toString(lastExported));
            Files.move(next, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Summary(batches, rowCount, amount, files);
        }
    }

    /**
     * Replaces each day's files of {@code period} by one ({@link PeriodCompaction}); the close does it once the
     * period's usage is exported. Returns the number of files replaced.
     */
    public int compact(java.time.YearMonth period) throws IOException {
        Path root = new Path(outUri, "rated");
        org.apache.hadoop.conf.Configuration conf = RatedUsageParquet.configuration(root);
        FileSystem fs = RatedUsageParquet.fileSystem(root, conf);
        try (HomeLock lock = HomeLock.acquire(home)) {
            long exported = exportedThrough(dev.ratel.jobs.home.HomeLayout.exportCheckpoint(home));
            return new PeriodCompaction(home, fs, root, conf).compact(period, exported);
        }
    }

    private static long exportedThrough(java.nio.file.Path state) throws IOException {
        return Files.exists(state) ? Long.parseLong(Files.readString(state).trim()) : Long.MIN_VALUE;
    }

    /**
     * One run's writing: the open writers by partition and what the run wrote. Each step is a method of
     * its own with at most one loop: C2 compiles a loop of a long method by compiling the whole method
     * again (on-stack replacement), and one method holding every loop cost a second of compiling.
     */
    private final class Pass {
        private final FileSystem fs;
        private final Path root;
        private final JournalCursor cursor;
        // at most MAX_OPEN_WRITERS partitions are written at once (each buffers a row group); a partition
        // whose writer was closed to make room gets another file in this run
        private final java.util.LinkedHashMap<String, RatedUsageWriter> writers = new java.util.LinkedHashMap<>(16, 0.75f, true);
        final Map<String, java.util.List<Path>> temporary = new TreeMap<>();
        private int opened;
        private final RatedRow row = new RatedRow();
        private final RatedUsageWriter.Pool pool = new RatedUsageWriter.Pool();
        // partition names by period * 32 + day, made once rather than per row
        private final Map<Integer, String> partitions = new java.util.HashMap<>();
        private final Map<Integer, RatedRow.Name> periods = new java.util.HashMap<>();
        private int lastPartitionKey = -1;
        private RatedUsageWriter lastWriter;
        private RatedRow.Name lastPeriod;
        // names as bytes, made once: services and directions by ordinal, the batch's words once per batch
        private final RatedRow.Name[] services = names(dev.ratel.core.rating.Service.values());
        private final RatedRow.Name[] directions = names(dev.ratel.core.rating.Direction.values());
        private RatedRow.Name[] words = new RatedRow.Name[0];
        // the plans the batch's words name, looked up once per batch
        private TariffPlan[] batchPlans = new TariffPlan[0];
        private final CdrRecord record = new CdrRecord();
        long first = Long.MIN_VALUE;
        long lastExported;
        long batches;
        long rowCount;
        long amount;

        Pass(FileSystem fs, Path root, JournalCursor cursor) {
            this.fs = fs;
            this.root = root;
            this.cursor = cursor;
        }

        /** Writes the rated rows of one rated excerpt, read beside the usage batch it rates. */
        void exportBatch(RatedBatch batch, long index) throws IOException {
            if (!cursor.moveTo(batch.sourceIndex) || !cursor.nextBatch()) {
                throw new IllegalStateException("rated excerpt " + Long.toHexString(index) + " rates usage batch "
                        + Long.toHexString(batch.sourceIndex) + ", which the journal does not hold");
            }
            if (first == Long.MIN_VALUE) {
                first = index;
            }
            startWords(batch);
            for (int i = 0; i < batch.records; i++) {
                if (!cursor.nextRecord(record)) {
                    throw new IllegalStateException("usage batch " + Long.toHexString(batch.sourceIndex) + " holds fewer records than rated");
                }
                if (batch.outcome[i] == RATED_CODE) {
                    writeRow(batch, i, index);
                }
            }
            lastExported = index;
            batches++;
        }

        /** The batch's dictionary as names; its plans are looked up as rows name them. */
        private void startWords(RatedBatch batch) {
            if (words.length < batch.words) {
                words = new RatedRow.Name[Math.max(batch.words, words.length * 2)];
                batchPlans = new TariffPlan[words.length];
            } else {
                java.util.Arrays.fill(batchPlans, 0, batch.words, null);
            }
            for (int w = 0; w < batch.words; w++) {
                // bytes the next batch overwrites: the writer copies what it keeps
                words[w] = new RatedRow.Name(batch.wordBytes, batch.wordOffset[w], batch.wordLength[w]);
            }
        }

        private void writeRow(RatedBatch batch, int i, long index) throws IOException {
            TariffPlan plan = batchPlans[batch.plan[i]];
            if (plan == null) {
                plan = plan(batch, i);
            }
            int day = CivilDates.dayOfMonthOfEpochDay(plan.zoneOffsets().localEpochDay(record.startEpochMillis));
            int partitionKey = batch.period[i] * 32 + day;
            if (partitionKey != lastPartitionKey) {
                switchPartition(partitionKey, batch.period[i], day, index);
            }
            RatedRow row = this.row;
            System.arraycopy(record.recordId, 0, row.recordId, 0, record.recordIdLength);
            row.recordIdLength = record.recordIdLength;
            System.arraycopy(record.source, 0, row.source, 0, record.sourceLength);
            row.sourceLength = record.sourceLength;
            row.accountId = words[batch.account[i]];
            row.subscriber = record.subscriber;
            row.service = services[record.service.ordinal()];
            row.direction = directions[record.direction.ordinal()];
            row.otherParty = record.otherParty;
            row.startEpochMillis = record.startEpochMillis;
            row.period = lastPeriod;
            row.planId = words[batch.plan[i]];
            row.destinationClass = batch.destinationClass[i] >= 0 ? words[batch.destinationClass[i]] : null;
            row.billedUnits = batch.billedUnits[i];
            row.allowanceUnits = batch.allowanceUnits[i];
            row.amountScaled = batch.amountScaled[i];
            row.currency = words[batch.currency[i]];
            row.late = batch.late(i);
            row.throttled = batch.throttled(i);
            row.chargeCode = batch.chargeCode[i] >= 0 ? words[batch.chargeCode[i]] : null;
            lastWriter.write(row);
            rowCount++;
            amount += batch.amountScaled[i];
        }

        private TariffPlan plan(RatedBatch batch, int i) {
            String planId = batch.word(batch.plan[i]);
            TariffPlan plan = plans.get(planId);
            if (plan == null) {
                throw new IllegalStateException("rated usage names plan " + planId + ", which is not in the tariffs");
            }
            batchPlans[batch.plan[i]] = plan;
            return plan;
        }

        /**
         * Rows come mostly in time order: the maps (and their boxed keys) are touched when the day changes,
         * and so is the writers' access order, which only a change of partition alters.
         */
        private void switchPartition(int partitionKey, int period, int day, long index) throws IOException {
            String name = partitions.get(partitionKey);
            if (name == null) {
                name = "period=" + CivilDates.yearMonth(period) + "/day=" + (day < 10 ? "0" : "") + day;
                partitions.put(partitionKey, name);
                periods.put(partitionKey, RatedRow.Name.of(CivilDates.yearMonth(period).toString()));
            }
            RatedUsageWriter writer = writers.get(name);
            if (writer == null) {
                if (writers.size() == MAX_OPEN_WRITERS) {
                    var eldest = writers.entrySet().iterator().next();
                    eldest.getValue().close();
                    writers.remove(eldest.getKey());
                }
                Path file = new Path(root, name + "/.part-" + Long.toHexString(index) + "-" + (opened++) + ".parquet.tmp");
                if (fs.exists(file)) {
                    fs.delete(file, false);
                }
                writer = pool.create(fs, file);
                writers.put(name, writer);
                temporary.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(file);
            }
            lastPartitionKey = partitionKey;
            lastPeriod = periods.get(partitionKey);
            lastWriter = writer;
        }

        /** Every file complete (or the first failure thrown) before anything is published. */
        void close() throws IOException {
            try (pool) {
                for (RatedUsageWriter writer : writers.values()) {
                    writer.close();
                }
            }
        }
    }
}
