package dev.ratel.cli;

import static dev.ratel.cli.RatelChild.copyTree;
import static dev.ratel.cli.RatelChild.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code ratel rate} child process with SIGKILL at random moments, several times, lets
 * it finish, and compares everything with an uninterrupted run over a copy of the same home: the
 * counters, every decision's outcome and amount, and that each usage batch was rated exactly once.
 */
@Tag("slow")
class RateCrashTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    @Test
    void shouldRateEveryRecordExactlyOnceAfterRepeatedKills() throws Exception {
        new Generator(new GeneratorSettings(dir.resolve("data"), 300, 1_000_000, YearMonth.of(2024, 5), 0, 17, false, false, 0.01, 0.0, 0.0))
                .generate();
        Path killed = dir.resolve("killed");
        new Ingest(IngestSettings.defaults(killed, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(dir.resolve("data/cdr")), null, n -> { });
        Path calm = dir.resolve("calm");
        copyTree(killed, calm);

        Process reference = start(calm);
        assertThat(reference.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(reference.exitValue()).as(output(reference)).isZero();

        SplittableRandom random = new SplittableRandom(99);
        int midRunKills = 0;
        Process last = null;
        // Each kill lands mid-run: wait until the child has rated a new batch, then kill it 0-150 ms later
        // (a run rates the whole million in well under a second on a fast machine: a longer wait misses it).
        while (midRunKills < RatelChild.kills(4)) {
            int before = ratedBatchCount(killed);
            Process child = start(killed);
            while (child.isAlive() && ratedBatchCount(killed) == before) {
                Thread.sleep(10);
            }
            if (child.waitFor(random.nextLong(150), TimeUnit.MILLISECONDS)) {
                last = child;
                break;
            }
            RatelChild.kill(child);
            midRunKills++;
        }
        if (last == null) {
            last = start(killed);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(last.exitValue()).as(output(last)).isZero();
        assertThat(midRunKills).as("kills that landed mid-run").isGreaterThanOrEqualTo(2);

        List<String> calmBatches = ratedBatches(calm);
        List<String> killedBatches = ratedBatches(killed);
        assertThat(new HashSet<>(killedBatches)).hasSameSizeAs(killedBatches); // no usage batch rated twice
        assertThat(firstDifference(killedBatches, calmBatches)).isEmpty();        // same decisions, same amounts
        assertThat(counters(killed)).isEqualTo(counters(calm));
        assertThat(counters(calm)).isNotEmpty();

        // Then the export of both homes, the killed one killed while its Parquet files are being written.
        Process calmExport = RatelChild.start("256m", "export", "--home", calm.toString(), "--tariffs", TARIFFS,
                "--out", dir.resolve("calm-out").toString());
        assertThat(calmExport.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(calmExport.exitValue()).as(output(calmExport)).isZero();
        int exportKills = 0;
        Process lastExport = null;
        while (exportKills < RatelChild.kills(3)) {
            Process child = exportOf(killed);
            while (child.isAlive() && temporaryParquet(dir.resolve("killed-out")).isEmpty()) {
                Thread.sleep(20);
            }
            // the export of a million rows takes about half a second once its first file is open
            if (child.waitFor(random.nextLong(300), TimeUnit.MILLISECONDS)) {
                lastExport = child;
                break;
            }
            RatelChild.kill(child);
            exportKills++;
        }
        if (lastExport == null) {
            lastExport = exportOf(killed);
            assertThat(lastExport.waitFor(5, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(lastExport.exitValue()).as(output(lastExport)).isZero();
        assertThat(exportKills).as("kills while Parquet was being written").isGreaterThanOrEqualTo(2);
        // every rated record once: the same files, byte for byte, as the uninterrupted export wrote
        Map<String, byte[]> calmFiles = parquetFiles(dir.resolve("calm-out"));
        assertThat(calmFiles).isNotEmpty();
        Map<String, byte[]> killedFiles = parquetFiles(dir.resolve("killed-out"));
        assertThat(killedFiles.keySet()).isEqualTo(calmFiles.keySet());
        calmFiles.forEach((name, bytes) -> assertThat(killedFiles.get(name)).as(name).isEqualTo(bytes));
        assertThat(temporaryParquet(dir.resolve("killed-out"))).isEmpty();
    }

    private Process exportOf(Path home) throws IOException {
        return RatelChild.start("256m", "export", "--home", home.toString(), "--tariffs", TARIFFS,
                "--out", dir.resolve("killed-out").toString());
    }

    /** The Parquet files under {@code out}, by path relative to it (Hadoop's .crc side files left out). */
    private static Map<String, byte[]> parquetFiles(Path out) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (file.getFileName().toString().endsWith(".parquet")) {
                    files.put(out.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /** Export's files still under their hidden temporary names. */
    private static List<Path> temporaryParquet(Path out) throws IOException {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet.tmp")).toList();
        }
    }

    /** The first record whose decision differs, as "batch i record j: killed X, uninterrupted Y", or "". */
    private static String firstDifference(List<String> killed, List<String> calm) {
        if (killed.size() != calm.size()) {
            return killed.size() + " rated batches after kills, " + calm.size() + " uninterrupted";
        }
        for (int i = 0; i < calm.size(); i++) {
            if (!killed.get(i).equals(calm.get(i))) {
                String[] k = killed.get(i).split(" ");
                String[] c = calm.get(i).split(" ");
                for (int j = 0; j < Math.min(k.length, c.length); j++) {
                    if (!k[j].equals(c[j])) {
                        return "batch " + i + " (" + c[0] + ") record " + j + ": killed " + k[j] + ", uninterrupted " + c[j];
                    }
                }
                return "batch " + i + " differs in length";
            }
        }
        return "";
    }

    private Process start(Path home) throws IOException {
        return RatelChild.start("256m", "rate", "--home", home.toString(), "--tariffs", TARIFFS,
                "--reference", dir.resolve("data/reference").toString());
    }

    /** Each rated excerpt as "source index: outcome/amount ..." in journal order. */
    /** How many batches the home's rated journal holds: cheap enough to poll while a child rates. */
    private static int ratedBatchCount(Path home) {
        if (!Files.exists(home.resolve("rated"))) {
            return 0;
        }
        int count = 0;
        try (RatedJournal rated = RatedJournal.open(home.resolve("rated")); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            RatedBatch batch = new RatedBatch();
            while (reader.next(batch)) {
                count++;
            }
        }
        return count;
    }

    private static List<String> ratedBatches(Path home) {
        List<String> batches = new ArrayList<>();
        if (!Files.exists(home.resolve("rated"))) {
            return batches;
        }
        try (RatedJournal rated = RatedJournal.open(home.resolve("rated")); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            RatedBatch batch = new RatedBatch();
            while (reader.next(batch)) {
                StringBuilder text = new StringBuilder().append(batch.sourceIndex).append(':');
                for (int i = 0; i < batch.records; i++) {
                    text.append(' ').append(batch.outcome[i]).append('/').append(batch.word(batch.account[i])).append('/')
                            .append(batch.word(batch.plan[i])).append('/').append(batch.word(batch.destinationClass[i])).append('/')
                            .append(batch.period[i]).append('/').append(batch.amountScaled[i]).append('/').append(batch.billedUnits[i])
                            .append('/').append(batch.allowanceUnits[i]).append('/').append(batch.throttled(i));
                }
                batches.add(text.toString());
            }
        }
        return batches;
    }

    private static List<String> counters(Path home) throws IOException {
        List<String> all = new ArrayList<>();
        try (MappedCounterStore store = MappedCounterStore.open(home.resolve("counters"), 10_000)) {
            store.forEach((owner, bucket, period, used) -> all.add(owner + "/" + bucket + "/" + period + "=" + used));
        }
        all.sort(null);
        return all;
    }
}
