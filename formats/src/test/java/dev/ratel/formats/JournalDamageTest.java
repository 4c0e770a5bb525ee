package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.JournalLayout;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedBatchEncoder;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.UsageJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal's tail torn or zeroed (a kill during a write, a mapped page a full disk never stored): every
 * excerpt carries a checksum, a damaged one and what its run wrote after it are void, its lines are read
 * again, and no reader ever sees it.
 */
class JournalDamageTest {
    @TempDir
    Path dir;

    @Test
    void shouldVoidAZeroedBatchAndResumeTheFileBeforeIt() throws IOException {
        Path journalDirectory = dir.resolve("journal");
        long runOne;
        try (UsageJournal journal = UsageJournal.open(journalDirectory)) {
            runOne = journal.startRun(0);
            FileEntry file = journal.registerFile(runOne, "may.csv", 100, 1, (byte) 0);
            int source = journal.sourceId("msc".getBytes(StandardCharsets.UTF_8), 3);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            for (int b = 0; b < 3; b++) {
                batch.begin(file, 2 * b + 1);
                batch.accept(call("BATCH-" + b + "-FIRST", 2 * b + 1), source);
                batch.accept(call("BATCH-" + b + "-SECOND", 2 * b + 2), source);
                batch.commit(JournalLayout.batchSequence(runOne, b + 1), 2 * b + 2);
            }
        }
        // the third batch's pages read back as zeros, as a page the device never stored does
        zero(journalDirectory, "BATCH-2-FIRST");

        try (UsageJournal journal = UsageJournal.open(journalDirectory)) {
            FileEntry file = journal.unfinished("may.csv", 100, 1);
            assertThat(file.lastLine()).as("resumed after the last whole batch").isEqualTo(4);
            assertThat(journal.committed(JournalLayout.batchSequence(runOne, 2))).isTrue();
            assertThat(journal.committed(JournalLayout.batchSequence(runOne, 3))).as("the void batch's records may be taken again").isFalse();
            assertThat(recordIds(journal)).containsExactly("BATCH-0-FIRST", "BATCH-0-SECOND", "BATCH-1-FIRST", "BATCH-1-SECOND");
        }
        // opened again, the VOID excerpt written the first time keeps it void; lines 5 and 6 are taken again by a new run
        try (UsageJournal journal = UsageJournal.open(journalDirectory)) {
            assertThat(journal.unfinished("may.csv", 100, 1).lastLine()).isEqualTo(4);
            long runTwo = journal.startRun(0);
            FileEntry file = journal.unfinished("may.csv", 100, 1);
            int source = journal.sourceId("msc".getBytes(StandardCharsets.UTF_8), 3);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            batch.begin(file, 5);
            batch.accept(call("AGAIN-5", 5), source);
            batch.accept(call("AGAIN-6", 6), source);
            batch.commit(JournalLayout.batchSequence(runTwo, 1), 6);
        }
        try (UsageJournal journal = UsageJournal.open(journalDirectory)) {
            assertThat(recordIds(journal)).containsExactly("BATCH-0-FIRST", "BATCH-0-SECOND", "BATCH-1-FIRST", "BATCH-1-SECOND",
                    "AGAIN-5", "AGAIN-6");
            assertThat(journal.unfinished("may.csv", 100, 1).lastLine()).isEqualTo(6);
        }
    }

    @Test
    void shouldSkipARatedExcerptThatDoesNotMatchItsChecksum() throws IOException {
        Path ratedDirectory = dir.resolve("rated");
        try (RatedJournal rated = RatedJournal.open(ratedDirectory)) {
            for (int b = 0; b < 3; b++) {
                RatedBatchEncoder encoder = new RatedBatchEncoder().start(100 + b, 1);
                int account = encoder.word("RATED-ACCOUNT-" + b);
                encoder.decision((byte) 0, account, -1, -1, -1, -1, 24_292, 10_000 * b, 60, 0, 60, (byte) 0);
                encoder.counters(0);
                rated.append(encoder);
            }
        }
        zero(ratedDirectory, "RATED-ACCOUNT-2");
        try (RatedJournal rated = RatedJournal.open(ratedDirectory); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            // rating resumes after the last whole excerpt, which rated usage batch 101
            assertThat(rated.last().sourceIndex()).isEqualTo(101);
            RatedBatch batch = new RatedBatch();
            List<Long> sources = new ArrayList<>();
            while (reader.next(batch)) {
                sources.add(batch.sourceIndex);
            }
            assertThat(sources).containsExactly(100L, 101L);
        }
    }

    private static CdrRecord call(String id, long line) {
        CdrRecord record = new CdrRecord();
        record.service = Service.VOICE;
        record.direction = Direction.OUT;
        record.smsEncoding = SmsEncoding.GSM7;
        record.subscriber = 77051110001L;
        record.otherParty = 77011234567L;
        record.startEpochMillis = 1_715_000_000_000L;
        record.durationSeconds = 60;
        record.line = line;
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, record.recordId, 0, bytes.length);
        record.recordIdLength = bytes.length;
        return record;
    }

    private static List<String> recordIds(UsageJournal journal) {
        List<String> ids = new ArrayList<>();
        try (JournalCursor cursor = journal.cursor()) {
            CdrRecord record = new CdrRecord();
            while (cursor.nextBatch()) {
                while (cursor.nextRecord(record)) {
                    ids.add(record.recordIdText());
                }
            }
        }
        return ids;
    }

    /** Zeroes 64 bytes from where {@code marker} stands in the queue's data file (the excerpt's bytes, not its header). */
    private static void zero(Path queue, String marker) throws IOException {
        try (Stream<Path> files = Files.list(queue)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                int at = indexOf(bytes, marker.getBytes(StandardCharsets.UTF_8));
                if (at >= 0) {
                    for (int i = at; i < Math.min(bytes.length, at + 64); i++) {
                        bytes[i] = 0;
                    }
                    Files.write(file, bytes);
                    return;
                }
            }
        }
        throw new AssertionError(marker + " is in no queue file of " + queue);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
