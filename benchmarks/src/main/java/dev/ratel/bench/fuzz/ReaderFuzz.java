package dev.ratel.bench.fuzz;

import dev.ratel.formats.cdr.AsteriskCsvReader;
import dev.ratel.formats.cdr.SwitchSettings;
import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.ParquetCdrReader;
import dev.ratel.formats.cdr.Utf8Text;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Mutated CDRs against every reader, and a share of them through a real ingest into a real home: the
 * proof that bad input is rejected with a reason and never crashes a run. Each batch is valid rows of
 * one format with one mutation each (a byte flipped, dropped or repeated; a field replaced by a hostile
 * token: quotes, separators, NUL, 0xFF, overlong UTF-8, a formula, 70 000 characters, absurd numbers
 * and dates; fields swapped, added or cut). Checked for every batch:
 *
 * <ul>
 *   <li>no reader throws (a whole file may be refused only as {@link CdrFormatException}, or reported damaged);</li>
 *   <li>every line comes back once, as a record or a rejection with a reason;</li>
 *   <li>every accepted record's id and source are printable UTF-8 ({@link Utf8Text});</li>
 *   <li>through {@link Ingest}, {@code read = accepted + rejected + duplicates}, in total and per file.</li>
 * </ul>
 *
 * Then {@link LoaderFuzz}: one mutated tariff and reference directory per {@value #LOADER_CASE_EVERY} records.
 *
 * <p>Usage: {@code ReaderFuzz RECORDS WORK_DIR [SEED] [TARIFFS]}; prints the counts and exits 1 on any failure.
 */
public final class ReaderFuzz {
    private static final String CANONICAL_HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,"
            + "volume_bytes,sms_chars,sms_encoding";
    private static final String[] CANONICAL_ROWS = {
        "c%d,msc-1,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,125,,,",
        "c%d,msc-1,VOICE,IN,77051110002,74951234567,2024-05-17T23:59:59.500+05:00,61,,,",
        "c%d,smsc,SMS,OUT,77051110003,77011234567,2024-05-18T00:00:00Z,,,160,GSM7",
        "c%d,smsc,SMS,OUT,77051110003,77011234567,2024-05-18T00:00:00+03:00,,,71,UCS2",
        "c%d,ggsn,DATA,OUT,77051110004,,2024-05-18T08:00:00+05:00,3600,1048576,,",
        "\"c%d\",\"msc,2\",VOICE,FWD,77051110005,77021234567,2024-05-19T12:00:00+05:00,0,,,",
    };
    private static final String[] ASTERISK_ROWS = {
        "\"\",\"89242008539\",\"221531\",\"stadion-pstn\",\"\"\"89242008539\"\" <89242008539>\",\"SIP/221531-00000000\",\"\",\"Hangup\",\"\","
                + "\"2024-01-27 15:07:24\",\"2024-01-27 15:07:24\",\"2024-01-27 15:07:51\",27,27,\"ANSWERED\",\"DOCUMENTATION\","
                + "\"1706368044.%d\",\"\",\"\",\"1706368044.0\",0",
        "\"\",\"301\",\"84959876543\",\"from-internal\",\"x\",\"SIP/301-00000007\",\"SIP/trunk-00000008\",\"Dial\",\"\",\"2024-01-27 16:00:00\","
                + "\"2024-01-27 16:00:05\",\"2024-01-27 16:01:05\",65,60,\"ANSWERED\",\"DOCUMENTATION\",\"1706371200.%d\"",
        "\"\",\"89242008539\",\"218102\",\"stadion-pstn\",\"x\",\"SIP/218102-00000003\",\"SIP/301-00000004\",\"Dial\",\"SIP/301&SIP/200@stadionpbx,60,t\","
                + "\"2024-01-27 15:33:20\",,\"2024-01-27 15:34:20\",60,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1706369600.%d\",\"\",\"\",\"1706369600.6\",3",
    };
    private static final MessageType PARQUET_SCHEMA = MessageTypeParser.parseMessageType("message cdr { optional binary record_id (STRING);"
            + " optional binary source (STRING); optional binary service (STRING); optional binary direction (STRING);"
            + " optional binary subscriber (STRING); optional binary other_party (STRING); optional binary start_time (STRING);"
            + " optional binary duration_s (STRING); optional binary volume_bytes (STRING); optional binary sms_chars (STRING);"
            + " optional binary sms_encoding (STRING); }");
    private static final int ROWS_PER_BATCH = 5_000;
    /** One batch in this many goes through a real ingest as well; one in PARQUET_EVERY is a Parquet file. */
    private static final int INGEST_EVERY = 8;
    private static final int PARQUET_EVERY = 25;
    /** One mutated tariff-and-reference directory through the loaders for this many mutated records. */
    private static final int LOADER_CASE_EVERY = 1_000;

    /** What a run found. */
    public static final class Result {
        public long batches;
        public long rows;
        public long accepted;
        public long rejected;
        public long refusedFiles;
        public long damagedFiles;
        public long ingested;
        public long ingestRead;
        public final List<String> failures = new ArrayList<>();

        public boolean passed() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%d mutated rows in %d batches: %d accepted, %d rejected with a reason; %d files refused whole,"
                            + " %d reported damaged; %d batches (%d rows) through a real ingest; %d failures",
                    rows, batches, accepted, rejected, refusedFiles, damagedFiles, ingested, ingestRead, failures.size());
        }
    }

    private final SplittableRandom random;
    private final Path work;
    private final Result result = new Result();
    private final CdrRecord record = new CdrRecord();
    private long serial;

    public ReaderFuzz(long seed, Path work) {
        this.random = new SplittableRandom(seed);
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "benchmarks/target/fuzz");
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path tariffs = Path.of(args.length > 3 ? args[3] : "samples/tariffs");
        long started = System.nanoTime();
        Result result = new ReaderFuzz(seed, work).run(records);
        System.out.printf("%s (seed %d, %.1f s)%n", result, seed, (System.nanoTime() - started) / 1e9);
        result.failures.stream().limit(20).forEach(System.out::println);
        started = System.nanoTime();
        LoaderFuzz.Result loaders = new LoaderFuzz(seed, work).run(Math.max(100, records / LOADER_CASE_EVERY), tariffs);
        System.out.printf("%s (seed %d, %.1f s)%n", loaders, seed, (System.nanoTime() - started) / 1e9);
        loaders.failures.stream().limit(20).forEach(System.out::println);
        System.exit(result.passed() && loaders.passed() ? 0 : 1);
    }

    /** Runs batches until {@code records} mutated rows have been read. */
    public Result run(long records) throws IOException {
        Files.createDirectories(work);
        Path home = Files.createTempDirectory(work, "home-");
        while (result.rows < records) {
            long batch = result.batches++;
            if (batch % PARQUET_EVERY == PARQUET_EVERY - 1) {
                parquetBatch(home);
            } else if (batch % 3 == 2) {
                textBatch(false, home, batch);
            } else {
                textBatch(true, home, batch);
            }
        }
        return result;
    }

    private void textBatch(boolean canonical, Path home, long batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ROWS_PER_BATCH * 160);
        if (canonical) {
            bytes.writeBytes((CANONICAL_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String[] rows = canonical ? CANONICAL_ROWS : ASTERISK_ROWS;
        for (int i = 0; i < ROWS_PER_BATCH; i++) {
            // a few ids repeat, so the ingest also sees duplicates
            long id = random.nextInt(20) == 0 ? serial / 2 : serial;
            serial++;
            byte[] row = String.format(rows[random.nextInt(rows.length)], id).getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes(Mutations.mutate(row, random));
            bytes.write('\n');
        }
        byte[] file = bytes.toByteArray();
        result.rows += ROWS_PER_BATCH;
        String name = (canonical ? "canonical-" : "asterisk-") + batch;
        readInMemory(file, canonical, name);
        if (batch % INGEST_EVERY == 0) {
            ingest(home, file, canonical ? CdrFormat.CANONICAL : CdrFormat.ASTERISK, name + (random.nextBoolean() ? ".csv" : ".csv.gz"));
        }
    }

    private void readInMemory(byte[] file, boolean canonical, String name) {
        try (CdrReader reader = canonical ? new CanonicalCsvReader(new ByteArrayInputStream(file), name)
                : new AsteriskCsvReader(new ByteArrayInputStream(file), asterisk())) {
            drain(reader, name);
        } catch (CdrFormatException refused) {
            result.refusedFiles++;
        } catch (Throwable crash) {
            fail(name, crash);
        }
    }

    private static SwitchSettings asterisk() {
        return new SwitchSettings(ZoneId.of("Asia/Vladivostok"), "stadion", "74232", null);
    }

    private void drain(CdrReader reader, String name) throws IOException {
        long lastLine = 0;
        for (CdrReader.Result outcome = reader.next(record); outcome != CdrReader.Result.END; outcome = reader.next(record)) {
            if (reader.line() <= lastLine) {
                result.failures.add(name + ": line " + reader.line() + " came after line " + lastLine);
            }
            lastLine = reader.line();
            if (outcome == CdrReader.Result.REJECTED) {
                if (reader.rejectReason() == null || reader.rejectDetail() == null) {
                    result.failures.add(name + ":" + reader.line() + ": a rejection without a reason");
                }
                result.rejected++;
            } else {
                if (Utf8Text.firstBadByte(record.recordId, 0, record.recordIdLength) >= 0
                        || Utf8Text.firstBadByte(record.source, 0, record.sourceLength) >= 0) {
                    result.failures.add(name + ":" + reader.line() + ": accepted an id that is not printable UTF-8");
                }
                result.accepted++;
            }
        }
    }

    private void ingest(Path home, byte[] content, CdrFormat format, String fileName) throws IOException {
        Path folder = Files.createDirectories(work.resolve("in"));
        Path file = folder.resolve(fileName);
        if (fileName.endsWith(".gz")) {
            try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
            if (random.nextInt(4) == 0) {
                damage(file);
            }
        } else {
            Files.write(file, content);
        }
        try {
            IngestSettings settings = IngestSettings.defaults(home, format, format == CdrFormat.ASTERISK ? asterisk() : null)
                    .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC)).withExpectedRecords(2_000_000);
            IngestSummary summary = new Ingest(settings).run(List.of(file), work.resolve("rejects.csv"), n -> { });
            // IngestSummary refuses to exist unless read = accepted + rejected + duplicates; per file too
            for (IngestSummary.FileSummary each : summary.files()) {
                if (each.read() != each.accepted() + each.rejected() + each.duplicates()) {
                    result.failures.add(fileName + ": read " + each.read() + " is not accepted + rejected + duplicates");
                }
            }
            result.damagedFiles += summary.rejectedByReason().getOrDefault("CORRUPT_FILE", 0L);
            result.ingested++;
            result.ingestRead += summary.read();
        } catch (CdrFormatException refused) {
            result.refusedFiles++;
        } catch (Throwable crash) {
            fail(fileName, crash);
        } finally {
            Files.delete(file);
        }
    }

    /** A byte flipped somewhere past gzip's header, as a bad disk or transfer leaves it. */
    private void damage(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 20) {
            bytes[10 + random.nextInt(bytes.length - 10)] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bytes);
        }
    }

    private void parquetBatch(Path home) throws IOException {
        Path folder = Files.createDirectories(work.resolve("parquet"));
        Path file = folder.resolve("batch-" + result.batches + ".parquet");
        Files.deleteIfExists(file);
        SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
        int rows = ROWS_PER_BATCH / 5;
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(PARQUET_SCHEMA)
                .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY)
                .withConf(new Configuration(false)).build()) {
            for (int i = 0; i < rows; i++) {
                String[] fields = split(String.format(CANONICAL_ROWS[random.nextInt(CANONICAL_ROWS.length - 1)], serial++));
                int hostile = random.nextInt(fields.length);
                fields[hostile] = random.nextInt(3) == 0 ? new String(Mutations.HOSTILE_BYTES[random.nextInt(Mutations.HOSTILE_BYTES.length)], StandardCharsets.ISO_8859_1)
                        : Mutations.HOSTILE[random.nextInt(Mutations.HOSTILE.length)];
                Group group = groups.newGroup();
                for (int f = 0; f < fields.length; f++) {
                    if (!fields[f].isEmpty() || random.nextBoolean()) {
                        group.append(PARQUET_SCHEMA.getFieldName(f), fields[f]);
                    }
                }
                writer.write(group);
            }
        }
        if (random.nextInt(3) == 0) {
            damageParquet(file);
        }
        result.rows += rows;
        String name = file.getFileName().toString();
        try (CdrReader reader = new ParquetCdrReader(file)) {
            drain(reader, name);
        } catch (CdrFormatException refused) {
            result.refusedFiles++;
        } catch (dev.ratel.formats.cdr.DamagedFileException damaged) {
            result.damagedFiles++;
        } catch (Throwable crash) {
            fail(name, crash);
        }
        if (result.batches % (PARQUET_EVERY * 2) == PARQUET_EVERY - 1) {
            byte[] content = Files.readAllBytes(file);
            Path copy = work.resolve("in").resolve(name);
            Files.createDirectories(copy.getParent());
            Files.write(copy, content);
            try {
                IngestSummary summary = new Ingest(IngestSettings.defaults(home, CdrFormat.PARQUET, null)
                        .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC)).withExpectedRecords(2_000_000))
                        .run(List.of(copy), work.resolve("rejects.csv"), n -> { });
                result.ingested++;
                result.ingestRead += summary.read();
                result.damagedFiles += summary.rejectedByReason().getOrDefault("CORRUPT_FILE", 0L);
            } catch (CdrFormatException refused) {
                result.refusedFiles++;
            } catch (Throwable crash) {
                fail(name + " (ingest)", crash);
            } finally {
                Files.delete(copy);
            }
        }
        Files.delete(file);
    }

    /** Bytes flipped in the middle of the file (its pages), where the footer still reads. */
    private void damageParquet(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int body = bytes.length - 200;
        if (body > 20) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                bytes[4 + random.nextInt(body - 4)] ^= (byte) (1 << random.nextInt(8));
            }
            Files.write(file, bytes);
        }
    }

    private static String[] split(String row) {
        return row.replace("\"", "").split(",", -1);
    }

    private void fail(String name, Throwable crash) {
        java.io.StringWriter trace = new java.io.StringWriter();
        crash.printStackTrace(new java.io.PrintWriter(trace));
        String text = trace.toString();
        result.failures.add(name + ": " + text.substring(0, Math.min(text.length(), 2_000)));
    }
}
