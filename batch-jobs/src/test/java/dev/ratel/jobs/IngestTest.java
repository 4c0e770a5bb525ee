package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.home.HomeLock;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.ingest.IngestSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest against real Chronicle files in a temporary home. */
class IngestTest {
    private static final String HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n";
    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private IngestSettings settings() {
        return IngestSettings.defaults(dir.resolve("home"), CdrFormat.CANONICAL, null).withClock(NOW).withBatchLines(3)
                .withExpectedRecords(10_000);
    }

    private static String voice(String id, String source, int seconds) {
        return id + "," + source + ",VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00," + seconds + ",,,\n";
    }

    @Test
    void shouldAccountForEveryRecordAsAcceptedRejectedOrDuplicate() throws IOException {
        Path file = Files.writeString(dir.resolve("cdr.csv"), HEADER
                + voice("r1", "msc1", 60)
                + voice("r2", "msc1", 61)
                + voice("r1", "msc1", 60)                     // duplicate within the file
                + voice("r1", "msc2", 60)                     // same id, other source: a different record
                + "r3,msc1,FAX,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r4,msc1,VOICE,OUT,77051110001,77011234567,2024-06-01T01:00:01+00:00,1,,,\n" // future beyond 1 h
                + "r5,msc1,VOICE,OUT,77051110001,77011234567,1999-12-31T23:59:59+00:00,1,,,\n" // before 2000
                + voice("r6", "msc1", 86_401)                 // longer than a day
                + "r7,msc1,DATA,OUT,77051110001,,2024-05-17T10:15:30+05:00,,2048,,\n"
                + "r8,msc1,broken\n");
        Path rejects = dir.resolve("out/rejects.csv");
        IngestSummary summary = new Ingest(settings()).run(List.of(file), rejects, n -> { });
        // 10 records: accepted r1, r2, r1@msc2, r7 = 4; duplicate r1 = 1; rejected r3, r4, r5, r6, r8 = 5.
        assertThat(summary.read()).isEqualTo(10);
        assertThat(summary.accepted()).isEqualTo(4);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(5);
        assertThat(summary.rejectedByReason()).containsEntry("UNKNOWN_SERVICE", 1L).containsEntry("FUTURE_TIMESTAMP", 1L)
                .containsEntry("BAD_TIMESTAMP", 1L).containsEntry("BAD_DURATION", 1L).containsEntry("MALFORMED_ROW", 1L);
        List<String> rejectLines = Files.readAllLines(rejects);
        assertThat(rejectLines.get(0)).isEqualTo("source_file,line,record_id,reason_code,reason,raw");
        assertThat(rejectLines).hasSize(6);
        assertThat(rejectLines.get(1)).startsWith(file.toAbsolutePath() + ",6,r3,UNKNOWN_SERVICE,");
        assertThat(rejectLines.get(5)).contains(",11,r8,MALFORMED_ROW,\"has 3 fields, the header has 11\",").endsWith("\"r8,msc1,broken\"");
        assertThat(journalIds()).containsExactly("msc1/r1", "msc1/r2", "msc2/r1", "msc1/r7");
    }

    @Test
    void shouldRecordTheLastLineOfAFileEvenWhenItIsRejectedAfterAcceptedOnes() throws IOException {
        // The last batch holds an accepted record (line 2) and then a rejected one (line 3): a resume
        // must start after line 3, or line 3 would be rejected twice.
        Path file = Files.writeString(dir.resolve("cdr.csv"), HEADER + voice("ok", "m", 1) + "bad,m,FAX,OUT,1,2,2024-05-17T10:15:30+05:00,1,,,\n");
        new Ingest(settings()).run(List.of(file), dir.resolve("r.csv"), n -> { });
        try (UsageJournal journal = UsageJournal.open(dir.resolve("home/journal"))) {
            assertThat(journal.files().get(0).lastLine()).isEqualTo(3);
        }
    }

    @Test
    void shouldListOnlyTheRunsOwnRejectsInAFileOthersCanRead() throws IOException {
        Path dirty = Files.writeString(dir.resolve("dirty.csv"), HEADER + voice("a", "m", 1) + "b,m,FAX,OUT,1,2,2024-05-17T10:15:30+05:00,1,,,\n");
        Path firstRejects = dir.resolve("out/r1.csv");
        assertThat(new Ingest(settings()).run(List.of(dirty), firstRejects, n -> { }).rejectedByReason()).containsEntry("UNKNOWN_SERVICE", 1L);
        assertThat(Files.readAllLines(firstRejects)).hasSize(2);

        // a clean file the next night: its rejects file has the header alone, not the night before's reject
        Path clean = Files.writeString(dir.resolve("clean.csv"), HEADER + voice("c", "m", 3));
        Path secondRejects = dir.resolve("out/r2.csv");
        IngestSummary second = new Ingest(settings()).run(List.of(clean), secondRejects, n -> { });
        assertThat(second.rejectedByReason()).isEmpty();
        assertThat(Files.readAllLines(secondRejects)).containsExactly("source_file,line,record_id,reason_code,reason,raw");

        // the permissions of any new file in the folder (the umask's), not a temporary file's owner-only ones
        Path ordinary = Files.createFile(dir.resolve("out/ordinary.txt"));
        assertThat(Files.getPosixFilePermissions(secondRejects)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        assertThat(Files.getPosixFilePermissions(firstRejects)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void shouldAddNothingWhenTheSameFileIsDroppedTwiceOrRenamed() throws IOException {
        String text = HEADER + voice("a", "m", 1) + voice("b", "m", 2) + voice("c", "m", 3) + voice("d", "m", 4);
        Path first = Files.writeString(dir.resolve("one.csv"), text);
        IngestSummary once = new Ingest(settings()).run(List.of(first), dir.resolve("r1.csv"), n -> { });
        assertThat(once.accepted()).isEqualTo(4);
        IngestSummary twice = new Ingest(settings()).run(List.of(first), dir.resolve("r2.csv"), n -> { });
        assertThat(twice.read()).isEqualTo(4);
        assertThat(twice.accepted()).isZero();
        assertThat(twice.duplicates()).isEqualTo(4);
        Path renamed = Files.writeString(dir.resolve("renamed.csv"), text + voice("e", "m", 5));
        IngestSummary third = new Ingest(settings()).run(List.of(renamed), dir.resolve("r3.csv"), n -> { });
        assertThat(third.accepted()).isEqualTo(1);
        assertThat(third.duplicates()).isEqualTo(4);
        assertThat(journalIds()).containsExactly("m/a", "m/b", "m/c", "m/d", "m/e");
    }

    @Test
    void shouldReadGzipFilesAndDirectoriesInPathOrder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("b.csv.gz")))) {
            out.write((HEADER + voice("from-b", "m", 1)).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve("a.csv"), HEADER + voice("from-a", "m", 1));
        Files.writeString(folder.resolve(".hidden.csv"), HEADER + voice("hidden", "m", 1));
        IngestSummary summary = new Ingest(settings()).run(List.of(folder), dir.resolve("r.csv"), n -> { });
        assertThat(summary.files()).extracting(IngestSummary.FileSummary::path)
                .containsExactly(folder.resolve("a.csv").toAbsolutePath().toString(), folder.resolve("b.csv.gz").toAbsolutePath().toString());
        assertThat(journalIds()).containsExactly("m/from-a", "m/from-b");
    }

    @Test
    void shouldTakeNothingFromATruncatedGzipAndGoOnWithTheNextFile() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        byte[] whole = gzipOfVoiceLines("t", 20_000);
        // cut in the middle, as a copy interrupted by a full disk leaves it
        Files.write(folder.resolve("a.csv.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(folder.resolve("b.csv"), HEADER + voice("after", "m", 1));
        // and one cut inside gzip's own header, before its first line
        Files.write(folder.resolve("c.csv.gz"), java.util.Arrays.copyOf(whole, 6));

        IngestSummary summary = new Ingest(settings()).run(List.of(folder), dir.resolve("r.csv"), n -> { });

        // none of the 20 000 lines is taken, each damage is one reject, and b.csv was read: 1 + 1 + 1 = 3
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(summary.rejectedByReason()).containsExactly(java.util.Map.entry("CORRUPT_FILE", 2L));
        assertThat(summary.read()).isEqualTo(3).isEqualTo(summary.accepted() + summary.rejected() + summary.duplicates());
        assertThat(journalIds()).containsExactly("m/after");
        List<String> rejects = Files.readAllLines(dir.resolve("r.csv"));
        assertThat(rejects).anySatisfy(line -> assertThat(line).contains("a.csv.gz").contains("CORRUPT_FILE")
                .contains("none of the file's records were taken"));
        assertThat(rejects).anySatisfy(line -> assertThat(line).contains("c.csv.gz,1,").contains("CORRUPT_FILE"));
        // the cut file is done: dropping the same cut file again adds nothing
        IngestSummary again = new Ingest(settings()).run(List.of(folder), dir.resolve("r2.csv"), n -> { });
        assertThat(again.accepted()).isZero();
    }

    @Test
    void shouldTakeNothingFromAGzipWithOneFlippedByteAndNotCountItsRecordsAsSeen() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        byte[] damaged = gzipOfVoiceLines("t", 20_000);
        // one byte flipped in the middle of the deflate stream: what it decodes to may still parse, and
        // only the trailer's CRC-32 tells
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(folder.resolve("a.csv.gz"), damaged);
        // the genuine copy of every record, in a later file
        Files.write(folder.resolve("b.csv.gz"), gzipOfVoiceLines("t", 20_000));

        IngestSummary summary = new Ingest(settings()).run(List.of(folder), dir.resolve("r.csv"), n -> { });

        // a.csv.gz: one reject; b.csv.gz: all 20 000 taken, none a duplicate of the damaged file's records
        assertThat(summary.files()).extracting(IngestSummary.FileSummary::accepted).containsExactly(0L, 20_000L);
        assertThat(summary.rejectedByReason()).containsExactly(java.util.Map.entry("CORRUPT_FILE", 1L));
        assertThat(summary.duplicates()).isZero();
        assertThat(journalIds()).hasSize(20_000).startsWith("m/t0").endsWith("m/t19999");
    }

    @Test
    void shouldTakeNothingFromAParquetFileWithADamagedPage() throws IOException {
        org.apache.parquet.schema.MessageType schema = org.apache.parquet.schema.MessageTypeParser.parseMessageType("message cdr {"
                + " required binary record_id (STRING); required binary service (STRING); required binary direction (STRING);"
                + " required binary subscriber (STRING); required binary other_party (STRING); required binary start_time (STRING);"
                + " required binary duration_s (STRING); }");
        Path folder = Files.createDirectories(dir.resolve("drop"));
        Path damaged = folder.resolve("a.parquet");
        Path whole = folder.resolve("b.parquet");
        for (Path file : List.of(damaged, whole)) {
            org.apache.parquet.example.data.simple.SimpleGroupFactory rows = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
            try (org.apache.parquet.hadoop.ParquetWriter<org.apache.parquet.example.data.Group> writer = org.apache.parquet.hadoop.example
                    .ExampleParquetWriter.builder(new org.apache.parquet.io.LocalOutputFile(file)).withType(schema)
                    .withCompressionCodec(org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY).build()) {
                for (int i = 0; i < 5_000; i++) {
                    writer.write(rows.newGroup().append("record_id", "p" + i).append("service", "VOICE").append("direction", "OUT")
                            .append("subscriber", "77051110001").append("other_party", "77011234567")
                            .append("start_time", "2024-05-17T10:15:30+05:00").append("duration_s", "60"));
                }
            }
        }
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 3] ^= 0x04;
        Files.write(damaged, bytes);

        IngestSummary summary = new Ingest(IngestSettings.defaults(dir.resolve("home"), CdrFormat.PARQUET, null).withClock(NOW)
                .withExpectedRecords(20_000)).run(List.of(folder), dir.resolve("r.csv"), n -> { });

        // a.parquet: one reject, nothing taken and nothing seen; b.parquet, the same ids whole: 5 000 taken, no duplicate
        assertThat(summary.files()).extracting(IngestSummary.FileSummary::accepted).containsExactly(0L, 5_000L);
        assertThat(summary.rejectedByReason()).containsExactly(java.util.Map.entry("CORRUPT_FILE", 1L));
        assertThat(summary.duplicates()).isZero();
    }

    private static byte[] gzipOfVoiceLines(String prefix, int count) throws IOException {
        StringBuilder lines = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            lines.append(voice(prefix + i, "m", 1 + i % 300));
        }
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(compressed)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        return compressed.toByteArray();
    }

    @Test
    void shouldSkipAnEmptyFileWithAReasonAndTakeItOnceItHasContent() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("drop"));
        Files.writeString(folder.resolve("a.csv"), HEADER + voice("a1", "m", 1));
        Path pending = Files.createFile(folder.resolve("b.csv")); // created by mediation, not yet written
        Files.writeString(folder.resolve("c.csv"), HEADER + voice("c1", "m", 1));

        IngestSummary first = new Ingest(settings()).run(List.of(folder), dir.resolve("r.csv"), n -> { });

        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.skipped()).containsExactly(new IngestSummary.SkippedFile(pending.toAbsolutePath().toString(),
                "empty: no header and no records; taken by a later run once it has content"));
        Files.writeString(pending, HEADER + voice("b1", "m", 1));
        Files.setLastModifiedTime(pending, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000));
        IngestSummary second = new Ingest(settings()).run(List.of(folder), dir.resolve("r2.csv"), n -> { });
        assertThat(second.skipped()).isEmpty();
        assertThat(journalIds()).containsExactly("m/a1", "m/c1", "m/b1");
    }

    @Test
    void shouldStopBeforeAnyWorkWhenAFileLacksARequiredColumn() throws IOException {
        Path good = Files.writeString(dir.resolve("a.csv"), HEADER + voice("x", "m", 1));
        Path bad = Files.writeString(dir.resolve("b.csv"), "record_id,service\nx,VOICE\n");
        assertThatThrownBy(() -> new Ingest(settings()).run(List.of(good, bad), dir.resolve("r.csv"), n -> { }))
                .isInstanceOf(CdrFormatException.class).hasMessageContaining("missing required column 'direction'");
        assertThat(Files.exists(dir.resolve("home/journal"))).isFalse();
    }

    @Test
    void shouldRefuseASecondRunOnTheSameHome() throws IOException {
        Path file = Files.writeString(dir.resolve("a.csv"), HEADER + voice("x", "m", 1));
        Files.createDirectories(dir.resolve("home"));
        // another process's lock, as the operating system shows it to this one
        try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(dir.resolve("home/ratel.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = other.lock()) {
            assertThatThrownBy(() -> new Ingest(settings()).run(List.of(file), dir.resolve("r.csv"), n -> { }))
                    .isInstanceOf(HomeLock.HomeLockedException.class).hasMessageContaining("in use by another ratel run");
        }
    }

    private List<String> journalIds() {
        List<String> ids = new ArrayList<>();
        try (UsageJournal journal = UsageJournal.open(dir.resolve("home/journal"));
             JournalCursor cursor = journal.cursor()) {
            CdrRecord record = new CdrRecord();
            while (cursor.nextBatch()) {
                while (cursor.nextRecord(record)) {
                    ids.add(record.sourceText() + "/" + record.recordIdText());
                }
            }
        }
        return ids;
    }
}
