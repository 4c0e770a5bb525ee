package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code ratel ingest} child process with SIGKILL at random moments, several times,
 * then lets it finish: the journal must hold every good record exactly once, and the final run's
 * counts and rejects must be those of an uninterrupted run.
 */
@Tag("slow")
class IngestCrashTest {
    private static final int LINES = 2_500_000;
    @TempDir
    Path dir;

    @Test
    void shouldHoldEveryRecordExactlyOnceAfterRepeatedKills() throws Exception {
        Path file = dir.resolve("cdr.csv");
        Set<String> expected = writeFile(file);
        Path home = dir.resolve("home");
        SplittableRandom random = new SplittableRandom(2026);
        int kills = 0;
        int midFileKills = 0;
        long progressBefore = 0;
        Process last = null;
        // Two kinds of kill. The first and third are early: at a random moment of the JVM's start or
        // of the file's registration, too soon for any run to finish the file. A mid-file one waits until the child has committed a batch past
        // where the last run stopped, then lands 0-200 ms later: waiting for progress rather than for
        // a fixed time keeps the kills inside the file however fast the machine ingests. A kill that
        // lands after the file is done (while the rejects are written, say) ends the killing: running
        // again would rightly take the file as a new delivery, all duplicates. A run that ends on its
        // own is the last one.
        while (midFileKills < RatelChild.kills(4) && kills < RatelChild.kills(4) * 8) {
            boolean early = kills == 0 || kills == 2;
            Process child = start(home, file);
            if (early) {
                if (child.waitFor(200 + random.nextLong(500), TimeUnit.MILLISECONDS)) {
                    last = child;
                    break;
                }
            } else {
                while (child.isAlive() && committedLines(home.resolve("journal")) <= progressBefore) {
                    Thread.sleep(20);
                }
                if (child.waitFor(random.nextLong(200), TimeUnit.MILLISECONDS)) {
                    last = child;
                    break;
                }
            }
            RatelChild.kill(child);
            kills++;
            FileEntry state = fileState(home.resolve("journal"));
            if (state != null && state.done()) {
                break;
            }
            if (state != null && state.lastLine() > progressBefore) {
                midFileKills++;
                progressBefore = state.lastLine();
            }
        }
        if (last == null && midFileKills == RatelChild.kills(4)) {
            last = start(home, file);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(midFileKills).as("runs killed mid-file (of %d kills)", kills).isGreaterThanOrEqualTo(2);
        FileEntry beforeLast = fileState(home.resolve("journal"));
        if (last == null && !beforeLast.done()) {
            last = start(home, file);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        }

        // Every 1 000th line is bad and every 400th repeats the line before: of 2 500 000 records,
        // 2 500 rejected, 6 250 duplicates, 2 500 000 - 2 500 - 6 250 = 2 491 250 accepted,
        // however many kills came before.
        FileEntry done = fileState(home.resolve("journal"));
        assertThat(done.done()).isTrue();
        assertThat(done.lastLine()).isEqualTo(LINES + 1L);
        assertThat(done.accepted()).isEqualTo(2_491_250);
        assertThat(done.rejected()).isEqualTo(2_500);
        assertThat(done.duplicates()).isEqualTo(6_250);
        if (last != null) {
            String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(last.exitValue()).as(output).isZero();
            assertThat(output).contains("read 2500000 = accepted 2491250 + rejected 2500 + duplicates 6250")
                    .contains("resumed " + file.toAbsolutePath());
            assertThat(Files.readAllLines(dir.resolve("rejects.csv"))).hasSize(1 + 2_500);
        }
        List<String> journal = journalIds(home.resolve("journal"));
        assertThat(journal).hasSize(expected.size());
        assertThat(new HashSet<>(journal)).isEqualTo(expected);
    }

    private Process start(Path home, Path file) throws IOException {
        return RatelChild.start("256m", "ingest", "--home", home.toString(), "--cdr", file.toString(), "--rejects",
                dir.resolve("rejects.csv").toString(), "--expected-records", "3000000");
    }

    private static Set<String> writeFile(Path file) throws IOException {
        Set<String> good = new HashSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n");
            for (int i = 0; i < LINES; i++) {
                if (i % 1000 == 999) {
                    out.write("bad" + i + ",sw,VOICE,OUT,77050000001,77011234567,not-a-time,60,,,\n");
                } else if (i % 400 == 1) {
                    out.write("r" + (i - 1) + ",sw,VOICE,OUT,77050000001,77011234567,2024-05-17T10:15:30+05:00,60,,,\n");
                } else {
                    out.write("r" + i + ",sw,VOICE,OUT," + (77050000000L + i % 100_000) + ",77011234567,2024-05-17T10:15:30+05:00,"
                            + i % 600 + ",,,\n");
                    good.add("sw/r" + i);
                }
            }
        }
        return good;
    }

    /** Lines of the file covered by committed batches so far (0 before the journal exists). */
    private static long committedLines(Path journalDir) {
        if (!Files.exists(journalDir)) {
            return 0;
        }
        try (UsageJournal journal = UsageJournal.open(journalDir)) {
            return journal.files().stream().mapToLong(f -> f.lastLine()).max().orElse(0);
        }
    }

    /** The journal's entry for the (only) input file, or null before it is registered. */
    private static FileEntry fileState(Path journalDir) {
        if (!Files.exists(journalDir)) {
            return null;
        }
        try (UsageJournal journal = UsageJournal.open(journalDir)) {
            assertThat(journal.files()).hasSizeLessThanOrEqualTo(1);
            return journal.files().isEmpty() ? null : journal.files().get(0);
        }
    }

    private static List<String> journalIds(Path journalDir) {
        List<String> ids = new ArrayList<>();
        try (UsageJournal journal = UsageJournal.open(journalDir); JournalCursor cursor = journal.cursor()) {
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
