package dev.ratel.cli;

import static dev.ratel.cli.RatelChild.copyTree;
import static dev.ratel.cli.RatelChild.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepExecution;

/**
 * Kills a real {@code ratel close-month} child process with SIGKILL at random moments, several
 * times, runs it to the end, and compares its files with an uninterrupted close of a copy of the
 * same home: the same invoices with the same gapless numbers, byte for byte.
 */
@Tag("slow")
class CloseMonthCrashTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    @Test
    void shouldIssueTheSameInvoicesWithTheSameNumbersAfterRepeatedKills() throws Exception {
        new Generator(new GeneratorSettings(dir.resolve("data"), 1000, 20_000, YearMonth.of(2024, 5), 0, 23, false, false, 0.0, 0.0, 0.0))
                .generate();
        Path killed = dir.resolve("killed");
        new Ingest(IngestSettings.defaults(killed, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(dir.resolve("data/cdr")), null, n -> { });
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(TARIFFS));
        new RateRun(killed, plans, new ReferenceDataLoader(plans).load(dir.resolve("data/reference")), dev.ratel.core.money.ExchangeRates.none())
                .run(n -> { });
        Path calm = dir.resolve("calm");
        copyTree(killed, calm);

        Process reference = start(calm, dir.resolve("calm-out"));
        assertThat(reference.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(reference.exitValue()).as(output(reference)).isZero();

        SplittableRandom random = new SplittableRandom(7);
        Set<String> stepsKilled = new TreeSet<>();
        Process last = null;
        // kills come later each time, so they land in the start-up, then in later and later steps
        for (int attempt = 0; attempt < RatelChild.kills(5) && last == null; attempt++) {
            Process child = start(killed, dir.resolve("killed-out"));
            if (child.waitFor(2_000 + attempt * 1_200L + random.nextLong(800), TimeUnit.MILLISECONDS)) {
                last = child;
                break;
            }
            RatelChild.kill(child);
            stepsKilled.add(stepRunningAtTheKill(killed));
        }
        if (last == null) {
            last = start(killed, dir.resolve("killed-out"));
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(last.exitValue()).as(output(last)).isZero();
        System.out.println("close-month kills landed in steps " + stepsKilled);
        // where a kill lands depends on the machine's speed; at least one must land inside a step of the job
        assertThat(stepsKilled).as("steps the kills landed in").isNotEmpty()
                .anyMatch(step -> !step.equals("before any step"));

        for (String file : List.of("invoices.csv", "invoice-lines.csv", "allowances-expired.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("killed-out/2024-05").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("calm-out/2024-05").resolve(file)));
        }
        List<String> invoices = Files.readAllLines(dir.resolve("killed-out/2024-05/invoices.csv"));
        assertThat(invoices).hasSize(1001);
        try (Stream<Path> pdfs = Files.list(dir.resolve("killed-out/2024-05/invoices"))) {
            assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(1000);
        }
    }

    /** The step a killed close was in, from the job repository: "export", "issue", … or "before any step". */
    private static String stepRunningAtTheKill(Path home) throws IOException {
        try (JobStore store = JobStore.open(home, null, null, null)) {
            List<JobInstance> instances = store.repository().findJobInstances("close-month");
            if (instances.isEmpty()) {
                return "before any step";
            }
            JobExecution execution = store.repository().getLastJobExecution(instances.get(0));
            if (execution == null) {
                return "before any step"; // killed between creating the job instance and its first execution
            }
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.STARTED) {
                    return step.getStepName();
                }
            }
            return "between steps";
        }
    }

    private Process start(Path home, Path out) throws IOException {
        return RatelChild.start("256m", "close-month", "--period", "2024-05", "--home", home.toString(), "--tariffs", TARIFFS,
                "--reference", dir.resolve("data/reference").toString(), "--out", out.toString());
    }
}
