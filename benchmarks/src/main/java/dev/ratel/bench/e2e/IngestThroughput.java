package dev.ratel.bench.e2e;

import dev.ratel.jobs.bench.Measures;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Ingest throughput of canonical CSV on one thread, against the floor of a bare scan of the same
 * file (split and parse every field, store nothing). Writes the file once (kept between runs), then
 * measures the scan and a full ingest into a fresh home with duplicate detection on.
 *
 * <pre>
 * java -Xmx256m [Chronicle options] -cp benchmarks/target/benchmarks.jar dev.ratel.bench.e2e.IngestThroughput RECORDS [WORK_DIR]
 * </pre>
 */
public final class IngestThroughput {
    private IngestThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Measures.watchHeap();
        long records = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "target/ingest-throughput");
        Files.createDirectories(work);
        Path file = work.resolve("cdr-" + records + ".csv");
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            write(file, records);
            System.out.printf("wrote %,d records (%,d MB) in %.1f s%n", records, Files.size(file) >> 20, (System.nanoTime() - t) / 1e9);
        }
        long scanStart = System.nanoTime();
        long scanned = Measures.bareScan(file);
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
        System.out.printf("bare scan:  %,d records in %.2f s = %,.0f records/s%n", scanned, scanSeconds, scanned / scanSeconds);

        Path home = work.resolve("home");
        Measures.deleteTree(home);
        IngestSettings settings = IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC))
                .withExpectedRecords(records);
        long start = System.nanoTime();
        long[] firstAndLast = {0, 0, 0};
        IngestSummary summary = new Ingest(settings).run(List.of(file), work.resolve("rejects.csv"), n -> {
            long now = System.nanoTime();
            if (firstAndLast[0] == 0) {
                firstAndLast[0] = now;
                firstAndLast[2] = n;
            }
            firstAndLast[1] = now;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        double loopSeconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;
        System.out.printf("start-up:   %.2f s before the first batch (opening journal and index); steady rate %,.0f records/s%n",
                (firstAndLast[0] - start) / 1e9, (summary.read() - firstAndLast[2]) / loopSeconds);
        System.out.printf("ingest:     %,d records in %.2f s = %,.0f records/s (%.0f %% of the bare scan); accepted %,d, duplicates %,d, rejected %,d%n",
                summary.read(), seconds, summary.read() / seconds, 100 * (summary.read() / seconds) / (scanned / scanSeconds),
                summary.accepted(), summary.duplicates(), summary.rejected());
        System.out.printf("peak heap:  %,d MB (max %,d MB; held after a collection, at most %,d MB); journal %,d MB on disk%n",
                Measures.peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, Measures.peakLiveHeapBytes() >> 20,
                Measures.diskBytes(home.resolve("journal")) >> 20);
    }

    /** Canonical CSV: voice, SMS and data over 100 000 numbers, 0.1 % duplicates. */
    static void write(Path file, long records) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            out.write("record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n");
            StringBuilder line = new StringBuilder(160);
            for (long i = 0; i < records; i++) {
                long id = i % 1000 == 7 ? i - 1 : i;
                long subscriber = 77050000000L + (i * 7919) % 100_000;
                int day = 1 + (int) (i % 28);
                int second = (int) (i % 86_400);
                line.setLength(0);
                line.append('r').append(id).append(",msc1,");
                int kind = (int) (i % 10);
                String time = String.format("2024-05-%02dT%02d:%02d:%02d+05:00", day, second / 3600, second / 60 % 60, second % 60);
                if (kind < 6) {
                    line.append("VOICE,OUT,").append(subscriber).append(',').append(77010000000L + i % 9_999_999).append(',')
                            .append(time).append(',').append(i % 900).append(",,,");
                } else if (kind < 8) {
                    line.append("SMS,OUT,").append(subscriber).append(',').append(77770000000L + i % 9_999_999).append(',')
                            .append(time).append(",,,").append(1 + i % 200).append(i % 2 == 0 ? ",UCS2" : ",GSM7");
                } else {
                    line.append("DATA,OUT,").append(subscriber).append(",,").append(time).append(",,").append(i * 131 % 50_000_000).append(",,");
                }
                out.append(line).append('\n');
            }
        }
    }
}
