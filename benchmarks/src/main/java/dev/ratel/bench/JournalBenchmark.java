package dev.ratel.bench;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.bench.Measures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The usage journal (Chronicle Queue on disk): {@code append} writes a batch of 1 024 accepted
 * calls as ingest commits one (ingest's batches are up to 16 384 lines), {@code read} reads 256 such batches back record by record as rating
 * and export do. Scores are per record.
 */
public class JournalBenchmark extends ChronicleBenchmark {
    private static final int BATCH = 1_024;
    private static final int READ_BATCHES = 256;

    private Path directory;
    private UsageJournal journal;
    private UsageJournal.BatchWriter writer;
    private FileEntry file;
    private int sourceId;
    private long run;
    private long batchInRun;
    private long line = 1;
    private final CdrRecord record = new CdrRecord();
    private UsageJournal filled;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("ratel-journal-bench");
        journal = UsageJournal.open(directory.resolve("appended"));
        run = journal.startRun(System.currentTimeMillis());
        file = journal.registerFile(run, "cdr.csv", 1L << 40, 0, (byte) 0);
        byte[] source = "switch-1".getBytes(StandardCharsets.UTF_8);
        sourceId = journal.sourceId(source, source.length);
        writer = journal.batchWriter();
        record.service = Service.VOICE;
        record.direction = Direction.OUT;
        record.otherParty = 77_011_234_567L;
        record.startEpochMillis = 1_715_922_930_000L;
        record.durationSeconds = 125;

        filled = UsageJournal.open(directory.resolve("filled"));
        long filledRun = filled.startRun(System.currentTimeMillis());
        FileEntry filledFile = filled.registerFile(filledRun, "cdr.csv", 1L << 40, 0, (byte) 0);
        int filledSource = filled.sourceId(source, source.length);
        UsageJournal.BatchWriter filler = filled.batchWriter();
        long filledLine = 1;
        for (int b = 0; b < READ_BATCHES; b++) {
            filler.begin(filledFile, filledLine);
            for (int i = 0; i < BATCH; i++) {
                fill(filledLine++);
                filler.accept(record, filledSource);
            }
            filler.commit(dev.ratel.formats.journal.JournalLayout.batchSequence(filledRun, b), filledLine - 1);
        }
    }

    private final byte[] id = new byte[20];

    /** The next call: its line, a number of 100 000 and the line's digits as its id, without allocating. */
    private void fill(long lineNumber) {
        record.line = lineNumber;
        record.subscriber = 77_050_000_000L + lineNumber % 100_000;
        int start = id.length;
        long rest = lineNumber;
        do {
            id[--start] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        record.setRecordId(id, start, id.length - start);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void append() {
        writer.begin(file, line);
        for (int i = 0; i < BATCH; i++) {
            fill(line++);
            writer.accept(record, sourceId);
        }
        writer.commit(dev.ratel.formats.journal.JournalLayout.batchSequence(run, batchInRun++), line - 1);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH * READ_BATCHES)
    public long read() {
        long sum = 0;
        CdrRecord read = new CdrRecord();
        try (JournalCursor cursor = filled.cursor()) {
            while (cursor.nextBatch()) {
                while (cursor.nextRecord(read)) {
                    sum += read.subscriber;
                }
            }
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        journal.close();
        filled.close();
        Measures.deleteTree(directory);
    }
}
