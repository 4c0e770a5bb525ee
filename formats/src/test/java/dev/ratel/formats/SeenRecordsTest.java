package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalLayout;
import dev.ratel.formats.journal.SeenRecords;
import dev.ratel.formats.journal.UsageJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenRecordsTest {
    @TempDir
    Path dir;

    private static CdrRecord record(String source, String id) {
        CdrRecord record = new CdrRecord();
        byte[] s = source.getBytes(StandardCharsets.UTF_8);
        byte[] i = id.getBytes(StandardCharsets.UTF_8);
        record.setSource(s, 0, s.length);
        record.setRecordId(i, 0, i.length);
        return record;
    }

    @Test
    void shouldKeepEveryRecordThroughGrowthAndAcrossReopening() throws Exception {
        int count = 1_600_000; // past 70 % of the smallest table (2^20 slots) twice over: it grows twice
        try (UsageJournal journal = UsageJournal.open(dir.resolve("journal"))) {
            long run = journal.startRun(0);
            FileEntry file = journal.registerFile(run, "f", 1, 1, (byte) 0);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            long sequence = JournalLayout.batchSequence(run, 1);
            batch.begin(file, 1);
            try (SeenRecords seen = SeenRecords.open(dir.resolve("seen"), 1_000, journal)) {
                for (int i = 0; i < count; i++) {
                    assertThat(seen.markSeen(record("sw", "r" + i), sequence)).isEqualTo(SeenRecords.Seen.NEW);
                }
                assertThat(seen.capacity()).isEqualTo(1L << 22);
                // Within the same (uncommitted) batch, a second sighting is a duplicate.
                assertThat(seen.markSeen(record("sw", "r7"), sequence)).isEqualTo(SeenRecords.Seen.DUPLICATE);
                // Same id from another source is another record.
                assertThat(seen.markSeen(record("sw2", "r7"), sequence)).isEqualTo(SeenRecords.Seen.NEW);
            }
            batch.duplicate(1);
            batch.commit(sequence, 1);
            try (SeenRecords seen = SeenRecords.open(dir.resolve("seen"), 1_000, journal)) {
                assertThat(seen.size()).isEqualTo(count + 1L);
                long next = JournalLayout.batchSequence(run, 2);
                for (int i = 0; i < count; i += 997) {
                    assertThat(seen.markSeen(record("sw", "r" + i), next)).isEqualTo(SeenRecords.Seen.DUPLICATE);
                }
                assertThat(seen.markSeen(record("sw", "new"), next)).isEqualTo(SeenRecords.Seen.NEW);
            }
        }
    }

    @Test
    void shouldTakeAgainARecordWhoseBatchWasNeverCommitted() throws Exception {
        try (UsageJournal journal = UsageJournal.open(dir.resolve("journal"))) {
            long first = journal.startRun(0);
            try (SeenRecords seen = SeenRecords.open(dir.resolve("seen"), 1_000, journal)) {
                // Marked by batch 1 of run 1, which a kill kept from the journal.
                assertThat(seen.markSeen(record("sw", "lost"), JournalLayout.batchSequence(first, 1))).isEqualTo(SeenRecords.Seen.NEW);
            }
            long second = journal.startRun(0);
            try (SeenRecords seen = SeenRecords.open(dir.resolve("seen"), 1_000, journal)) {
                long batch = JournalLayout.batchSequence(second, 1);
                assertThat(seen.markSeen(record("sw", "lost"), batch)).isEqualTo(SeenRecords.Seen.NEW);
                assertThat(seen.markSeen(record("sw", "lost"), batch)).isEqualTo(SeenRecords.Seen.DUPLICATE);
            }
        }
    }
}
