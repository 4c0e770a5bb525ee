package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same journal rated on 1, 2 and 3 threads: every decision (outcome, account, plan, class,
 * period, amount, units, flags) and every counter must be the same.
 */
@Tag("slow")
class RatePartitionsTest {
    @TempDir
    Path dir;

    @Test
    void shouldRateTheSameWhateverTheNumberOfThreads() throws Exception {
        GeneratedMonth month = GeneratedMonth.of(dir, 120, 60_000, 31, 0.0);
        List<List<String>> decisions = new ArrayList<>();
        List<List<String>> counters = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            Path home = dir.resolve("home-" + threads);
            copyTree(month.home(), home);
            RateRun.Summary summary = new RateRun(home, month.plans(), month.reference(), month.exchangeRates(), Set.of(), threads)
                    .run(n -> { });
            assertThat(summary.records()).isEqualTo(month.ingested().accepted());
            decisions.add(decisions(home));
            counters.add(counters(home));
        }
        assertThat(decisions.get(0)).hasSize((int) month.ingested().accepted());
        for (int other : new int[] {1, 2}) {
            assertThat(firstDifference(decisions.get(0), decisions.get(other))).as("decisions on %d threads", other + 1).isEmpty();
            assertThat(firstDifference(counters.get(0), counters.get(other))).as("counters on %d threads", other + 1).isEmpty();
        }
        assertThat(counters.get(0)).isNotEmpty();
    }

    /** "one thread: X, more: Y" for the first entry that differs, or "" when the lists are equal. */
    private static String firstDifference(List<String> one, List<String> more) {
        for (int i = 0; i < Math.min(one.size(), more.size()); i++) {
            if (!one.get(i).equals(more.get(i))) {
                return "one thread: " + one.get(i) + ", more: " + more.get(i);
            }
        }
        return one.size() == more.size() ? "" : one.size() + " entries against " + more.size();
    }

    private static List<String> decisions(Path home) {
        List<String> all = new ArrayList<>();
        try (RatedJournal rated = RatedJournal.open(home.resolve("rated")); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            RatedBatch batch = new RatedBatch();
            while (reader.next(batch)) {
                for (int i = 0; i < batch.records; i++) {
                    all.add(batch.sourceIndex + "/" + i + " " + batch.outcome[i] + " " + batch.word(batch.account[i]) + " "
                            + batch.word(batch.plan[i]) + " " + batch.word(batch.destinationClass[i]) + " " + batch.period[i] + " "
                            + batch.amountScaled[i] + " " + batch.billedUnits[i] + " " + batch.allowanceUnits[i] + " "
                            + batch.chargedUnits[i] + " " + batch.flags[i]);
                }
            }
        }
        return all;
    }

    private static List<String> counters(Path home) throws IOException {
        List<String> all = new ArrayList<>();
        try (MappedCounterStore store = MappedCounterStore.open(home.resolve("counters"), 10_000)) {
            store.forEach((owner, bucket, period, used) -> all.add(owner + "/" + bucket + "/" + period + "=" + used));
        }
        all.sort(null);
        return all;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
