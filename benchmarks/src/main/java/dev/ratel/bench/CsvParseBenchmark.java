package dev.ratel.bench;

import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical CSV parsed into the reused {@link CdrRecord}: split, unquote, parse numbers and times with
 * their offsets, check the fields. 10 000 lines of voice, SMS and data from memory, so the figure is
 * the parser's, not the disk's; a score is per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class CsvParseBenchmark {
    static final int LINES = 10_000;

    private byte[] csv;
    private final CdrRecord record = new CdrRecord();

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder(
                "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < LINES; i++) {
            long subscriber = 77050000000L + random.nextInt(100_000);
            String start = String.format("2024-05-%02dT%02d:%02d:%02d+05:00", 1 + random.nextInt(31), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
            switch (random.nextInt(10)) {
                case 0, 1 -> text.append("s").append(i).append(",smsc,SMS,OUT,").append(subscriber).append(",77011234567,").append(start)
                        .append(",,,").append(1 + random.nextInt(300)).append(",GSM7\n");
                case 2 -> text.append("d").append(i).append(",ggsn,DATA,OUT,").append(subscriber).append(",,").append(start).append(",,")
                        .append(random.nextInt(50_000_000)).append(",,\n");
                default -> text.append("v").append(i).append(",msc-1,VOICE,OUT,").append(subscriber).append(",7701").append(1_000_000 + random.nextInt(8_000_000))
                        .append(',').append(start).append(',').append(random.nextInt(1200)).append(",,,\n");
            }
        }
        csv = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parse() throws Exception {
        long read = 0;
        try (CdrReader reader = new CanonicalCsvReader(new ByteArrayInputStream(csv), "bench.csv")) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                if (result != CdrReader.Result.RECORD) {
                    throw new IllegalStateException("line " + reader.line() + " rejected: " + reader.rejectDetail());
                }
                read++;
            }
        }
        if (read != LINES) {
            throw new IllegalStateException(read + " records of " + LINES);
        }
        return read;
    }
}
