package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.cdr.RejectReason;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.UsageJournal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest's reading thread cuts a batch once its rejects reach 4 MiB, counting them with
 * {@link UsageJournal#rejectBytes} before the journal's thread writes them: the count must be the
 * bytes the batch writer really writes, or batches would be cut elsewhere than one thread cut them.
 */
class RejectBytesTest {
    @TempDir
    Path dir;

    @Test
    void shouldCountTheBytesTheBatchWriterWritesForEachReject() {
        String[][] rejects = {
            {"r1", "start lies in the future", "r1,77010000001,..."},
            {"", "", ""},
            {"no-detail", null, "raw"},                                                          // a text that is absent
            {"звонок-7", "номер не найден: 77011234567", "звонок-7;77011234567;Алматы"},         // two-byte UTF-8
            {"id", "a rocket \uD83D\uDE80 in the detail", "\uD83D\uDE80,\uD83D\uDE80"},          // surrogate pairs: Chronicle writes each half as three bytes
            {"long", "x".repeat(127), "y".repeat(128)},                                           // stop-bit lengths of one and two bytes
            {"longer", "z".repeat(20_000), "€".repeat(6_000)},                                   // two- and three-byte stop-bit lengths
        };
        try (UsageJournal journal = UsageJournal.open(dir.resolve("journal"))) {
            long run = journal.startRun(0);
            FileEntry file = journal.registerFile(run, "f", 1, 1, (byte) 0);
            UsageJournal.BatchWriter batch = journal.batchWriter();
            batch.begin(file, 1);
            long counted = 0;
            long line = 1;
            for (String[] reject : rejects) {
                long before = batch.byteSize();
                batch.reject(line++, RejectReason.BAD_TIMESTAMP, reject[0], reject[1], reject[2]);
                long rejectBytes = UsageJournal.rejectBytes(reject[0], reject[1], reject[2]);
                assertThat(batch.byteSize() - before).as("bytes of the reject %s", reject[0]).isEqualTo(rejectBytes);
                counted += rejectBytes;
            }
            assertThat(batch.byteSize()).isEqualTo(counted);
            // 9 fixed bytes and a one-byte length for each of the three texts of the empty reject
            assertThat(UsageJournal.rejectBytes("", "", "")).isEqualTo(12);
        }
    }
}
