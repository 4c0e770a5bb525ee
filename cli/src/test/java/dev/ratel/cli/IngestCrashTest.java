package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.formats.cdr.CdrRecord;
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
    private static final int LINES = 1_200_000;
    private static final List<String> JVM_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true", "-Xmx256m");

    @TempDir
    Path dir;

    @Test
    void shouldHoldEveryRecordExactlyOnceAfterRepeatedKills() throws Exception {
        Path file = dir.resolve("cdr.csv");
        Set<String> expected = writeFile(file);
        Path home = dir.resolve("home");
        SplittableRandom random = new SplittableRandom(2026);
        int kills = 0;
        for (int attempt = 0; attempt < 6; attempt++) {
            Process child = start(home, file);
            long killAfter = 1_200 + random.nextLong(3_500);
            if (!child.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                kills++;
            }
        }
        Process last = start(home, file);
        assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as(output).isZero();
        assertThat(kills).as("the runs were killed mid-file, not after it").isGreaterThanOrEqualTo(3);

        List<String> journal = journalIds(home.resolve("journal"));
        assertThat(journal).hasSize(expected.size());
        assertThat(new HashSet<>(journal)).isEqualTo(expected);
        // Every 1 000th line is bad and every 400th repeats the line before: read = 1 200 000,
        // rejected 1 200, duplicates 3 000, accepted the rest, however many kills came before.
        assertThat(output).contains("read 1200000 = accepted 1195800 + rejected 1200 + duplicates 3000")
                .contains("resumed " + file.toAbsolutePath());
        assertThat(Files.readAllLines(dir.resolve("rejects.csv"))).hasSize(1 + 1_200);
    }

    private Process start(Path home, Path file) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RatelCommand.class.getName());
        command.addAll(List.of("ingest", "--home", home.toString(), "--cdr", file.toString(), "--rejects",
                dir.resolve("rejects.csv").toString(), "--expected-records", "2000000"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
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
