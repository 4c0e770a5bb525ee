package dev.ratel.bench;

import dev.ratel.formats.journal.RatedRow;
import dev.ratel.formats.journal.RatedUsageParquet;
import dev.ratel.formats.journal.RatedUsageWriter;
import java.nio.charset.StandardCharsets;
import dev.ratel.jobs.bench.Measures;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rated rows into a Parquet file as the export writes them: two row groups of calls over 100 000
 * numbers, encoded and Snappy-compressed on the writer pool's thread, to the local disk through
 * Hadoop's raw local file system. The score is per row, from the first row to the file complete.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class ParquetExportBenchmark {
    private static final int ROWS = 2 * RatedUsageWriter.ROWS_PER_GROUP;

    private java.nio.file.Path directory;
    private FileSystem fs;
    private RatedUsageWriter.Pool pool;
    private final RatedRow[] rows = new RatedRow[1024];
    private int file;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("ratel-parquet-bench");
        fs = RatedUsageParquet.fileSystem(new Path(directory.toUri()), new Configuration());
        // one pool for the trial, as one export keeps one for all its files: its arrays are made once
        pool = new RatedUsageWriter.Pool();
        RatedRow.Name[] services = {RatedRow.Name.of("VOICE"), RatedRow.Name.of("SMS"), RatedRow.Name.of("DATA")};
        RatedRow.Name out = RatedRow.Name.of("OUT");
        RatedRow.Name may = RatedRow.Name.of("2024-05");
        RatedRow.Name plan = RatedRow.Name.of("kense-15");
        RatedRow.Name mobile = RatedRow.Name.of("kz-mobile-other");
        RatedRow.Name kzt = RatedRow.Name.of("KZT");
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < rows.length; i++) {
            RatedRow row = new RatedRow();
            byte[] id = ("cdr-" + (1_000_000 + i)).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(id, 0, row.recordId, 0, id.length);
            row.recordIdLength = id.length;
            byte[] source = "switch-1".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(source, 0, row.source, 0, source.length);
            row.sourceLength = source.length;
            row.accountId = RatedRow.Name.of("ACC-" + random.nextInt(30_000));
            row.subscriber = 77_050_000_000L + random.nextInt(100_000);
            row.service = services[random.nextInt(3)];
            row.direction = out;
            row.otherParty = row.service == services[2] ? 0 : 77_010_000_000L + random.nextInt(10_000_000);
            row.startEpochMillis = 1_714_500_000_000L + i * 2_000L;
            row.period = may;
            row.planId = plan;
            row.destinationClass = row.service == services[2] ? null : mobile;
            row.billedUnits = random.nextInt(600);
            row.allowanceUnits = random.nextBoolean() ? row.billedUnits : 0;
            row.amountScaled = row.allowanceUnits == 0 ? row.billedUnits * 1_500L : 0;
            row.currency = kzt;
            rows[i] = row;
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeFile() throws Exception {
        Path target = new Path(directory.resolve("part-" + (file++ % 4) + ".parquet").toUri());
        fs.delete(target, false);
        long written;
        try (RatedUsageWriter writer = pool.create(fs, target)) {
            for (int i = 0; i < ROWS; i++) {
                writer.write(rows[i & (rows.length - 1)]);
            }
            written = writer.rows();
        }
        pool.await();
        return written;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.close();
        Measures.deleteTree(directory);
    }
}
