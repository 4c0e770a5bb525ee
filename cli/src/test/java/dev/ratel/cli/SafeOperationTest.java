package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.home.HomeLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import picocli.CommandLine;

/**
 * A nightly run that is safe to operate (issue 20): the home is never guessed, read-only commands never create one and
 * read while a run holds it, months close in order, problems are found before ingest, and Ctrl-C stops cleanly.
 */
class SafeOperationTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine(java.time.Clock.fixed(java.time.Instant.parse("2024-12-31T12:00:00Z"),
                java.time.ZoneOffset.UTC));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void shouldRefuseToGuessTheHomeFromTheCurrentDirectory() {
        // the machine's own settings would give a home: nothing to check then
        assumeTrue(System.getenv("RATEL_HOME") == null && RatelCommand.settingsFile() == null, "RATEL_HOME or a settings file is set");
        assertThat(run("history")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("no home given").contains("--home").contains("RATEL_HOME").contains("~/.ratel.properties");
        assertThat(Path.of("ratel-home")).doesNotExist();
    }

    @Test
    void shouldNeverCreateAHomeFromAReadOnlyCommand() {
        Path missing = dir.resolve("no-such-home");
        assertThat(run("history", "--home", missing.toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("no Ratel home at " + missing);
        assertThat(run("generate", "--out", dir.resolve("data").toString(), "--accounts", "3", "--cdrs", "100", "--seed", "2")).isZero();
        err.getBuffer().setLength(0);
        assertThat(run("register", "--home", missing.toString(), "--from", "2024-05", "--to", "2024-05", "--reference",
                dir.resolve("data/reference").toString(), "--tariffs", TARIFFS, "--out", dir.resolve("register.xlsx").toString()))
                .isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("no Ratel home at " + missing);
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("register.xlsx")).doesNotExist();
    }

    @Test
    void shouldFindAnOutputThatIsAFileBeforeIngestingAnything() throws Exception {
        assertThat(run("generate", "--out", dir.resolve("data").toString(), "--accounts", "5", "--cdrs", "200", "--seed", "3")).isZero();
        Path file = Files.writeString(dir.resolve("out-is-a-file"), "x");
        Path home = dir.resolve("home");
        assertThat(run("run", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", dir.resolve("data/reference").toString(),
                "--cdr", dir.resolve("data/cdr").toString(), "--out", file.toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("--out " + file + " is a file, not a directory");
        assertThat(home).as("nothing ingested").doesNotExist();
    }

    @Test
    void shouldValidateTariffsNamedAsEveryOtherCommandNamesThem() throws Exception {
        // tariffs validate reads tariffs= like every other command: an option, not only a positional directory
        assertThat(run("tariffs", "validate", "--tariffs", TARIFFS)).isZero();
        assertThat(out.toString()).contains("10 plan(s) valid");
        assertThat(run("tariffs", "validate")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("tariffs=DIR in the settings file");
    }

    /**
     * May has rated usage and is open: closing June first would number June's invoices before May's. Refused, naming
     * May, with nothing issued; with --out-of-order and a reason June closes, and the reason is in the history.
     */
    @Test
    void shouldCloseMonthsInOrder() throws Exception {
        String data = dir.resolve("data").toString();
        String home = dir.resolve("home").toString();
        String output = dir.resolve("out").toString();
        assertThat(run("generate", "--out", data, "--accounts", "6", "--cdrs", "500", "--seed", "4", "--period", "2024-05")).isZero();
        assertThat(run("ingest", "--home", home, "--cdr", data + "/cdr")).isZero();
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference")).isZero();

        String[] closeJune = {"close-month", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", output,
            "--period", "2024-06"};
        assertThat(run(closeJune)).as(err.toString()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("cannot close 2024-06 before 2024-05").contains("--out-of-order");
        assertThat(dir.resolve("out/2024-06")).doesNotExist();

        String[] withReason = java.util.Arrays.copyOf(closeJune, closeJune.length + 2);
        withReason[closeJune.length] = "--out-of-order";
        withReason[closeJune.length + 1] = "May waits for a disputed tariff";
        assertThat(run(withReason)).as(err.toString()).isZero();
        assertThat(dir.resolve("out/2024-06/invoices.csv")).exists();
        out.getBuffer().setLength(0);
        assertThat(run("history", "--home", home, "--json")).isZero();
        assertThat(out.toString()).contains("\"out_of_order\":\"May waits for a disputed tariff\"");

        // the nightly run asks the same of a period it closes: July before the still open May is refused, and taken with a
        // reason; the CDRs are the same files, so nothing new is ingested
        String[] runJuly = {"run", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--cdr", data + "/cdr",
            "--out", output, "--period", "2024-07"};
        err.getBuffer().setLength(0);
        assertThat(run(runJuly)).as(err.toString()).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("cannot close 2024-07 before 2024-05");
        String[] runJulyWithReason = java.util.Arrays.copyOf(runJuly, runJuly.length + 2);
        runJulyWithReason[runJuly.length] = "--out-of-order";
        runJulyWithReason[runJuly.length + 1] = "May still waits";
        assertThat(run(runJulyWithReason)).as(err.toString()).isZero();
        assertThat(dir.resolve("out/2024-07/invoices.csv")).exists();
    }

    /** The test holds the home and its repository as a running job would; a child {@code ratel history} still reads it. */
    @Test
    @Tag("slow")
    void shouldReadTheHistoryWhileARunHoldsTheHome() throws Exception {
        String data = dir.resolve("data").toString();
        Path home = ratedMonth(5, 300, 5);
        assertThat(run("close-month", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", data + "/reference",
                "--out", dir.resolve("out").toString(), "--period", "2024-05")).isZero();
        try (HomeLock lock = HomeLock.acquire(home); JobStore store = JobStore.open(home, null, null, null)) {
            Process history = RatelChild.start("256m", "history", "--home", home.toString());
            assertThat(history.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String printed = RatelChild.output(history);
            assertThat(history.exitValue()).as(printed).isZero();
            assertThat(printed).contains("close-month").contains("COMPLETED").contains("issue completed read 5 written 5");
        }
    }

    /**
     * A reader that opened the repository while no run was active holds the home as a reader: a close started then
     * waits for the read to end (it never uses the file through the reader's process, whose exit would drop its
     * connections mid-transaction), then closes the month.
     */
    @Test
    @Tag("slow")
    void shouldLetARunWaitForAReaderThatHoldsTheHome() throws Exception {
        String data = dir.resolve("data").toString();
        Path home = ratedMonth(5, 300, 5);
        Process close;
        try (JobStore reader = JobStore.openReadOnly(home, null, null, null)) {
            assertThat(reader).isNotNull();
            close = RatelChild.start("256m", "close-month", "--home", home.toString(), "--tariffs", TARIFFS, "--reference",
                    data + "/reference", "--out", dir.resolve("out").toString(), "--period", "2024-05");
            assertThat(close.waitFor(4, TimeUnit.SECONDS)).as("the close waits while the reader reads").isFalse();
            assertThat(reader.repository().findJobInstances("close-month")).isEmpty();
        }
        assertThat(close.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = RatelChild.output(close);
        assertThat(close.exitValue()).as(printed).isZero();
        assertThat(printed).contains("is being read by reader " + ProcessHandle.current().pid()).contains("2024-05 closed: 5 invoice(s)");
    }

    /**
     * Ctrl-C in the middle of a close: one line says what was kept and how to resume, the history shows the run as
     * STOPPED (not STARTED with no end), and the same command then finishes the period.
     */
    @Test
    @Tag("slow")
    void shouldStopCleanlyOnCtrlC() throws Exception {
        String data = dir.resolve("data").toString();
        Path home = ratedMonth(4000, 40000, 6);
        String[] close = {"close-month", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", data + "/reference",
            "--out", dir.resolve("out").toString(), "--period", "2024-05"};
        Process child = RatelChild.startInterruptible("512m", close);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        // interrupted in the middle of rendering, once the first documents are published. The run is watched through its
        // output directory, not through the repository as ratel history reads it: such a read is served by the running
        // close and, with both cores busy, took long enough for the close to finish first (the history read during a
        // run is shouldReadTheHistoryWhileARunHoldsTheHome's)
        Path invoices = dir.resolve("out/2024-05/invoices");
        while (child.isAlive() && System.nanoTime() < deadline && !hasFile(invoices)) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive()).as("the close was seen rendering").isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String printed = RatelChild.output(child);
        assertThat(printed).contains("stopped by SIGINT (close-month period=2024-05")
                .contains("Everything committed so far is kept; run the same command again to resume");
        assertThat(printed).doesNotContain("Exception").doesNotContain("\tat ");
        JobExecution stopped = lastExecution(home, null);
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getEndTime()).isNotNull();
        assertThat(stopped.getExitStatus().getExitDescription()).contains("stopped by SIGINT");
        // stopped by Spring Batch at a commit: every step, the buckets' too, ended and says how
        assertThat(stopped.getStepExecutions()).allSatisfy(step -> {
            assertThat(step.getEndTime()).as(step.getStepName()).isNotNull();
            assertThat(step.getStatus()).as(step.getStepName()).isIn(BatchStatus.COMPLETED, BatchStatus.STOPPED);
        });
        assertThat(stopped.getStepExecutions()).filteredOn(step -> step.getStepName().equals("documents"))
                .singleElement().extracting(StepExecution::getStatus).isEqualTo(BatchStatus.STOPPED);

        assertThat(run(close)).as(err.toString()).isZero();
        assertThat(Files.readAllLines(dir.resolve("out/2024-05/invoices.csv"))).hasSize(4001);
        assertThat(lastExecution(home, null).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private static boolean hasFile(Path directory) throws java.io.IOException {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            return files.findAny().isPresent();
        }
    }

    /** The close's newest execution (with {@code status}, or any when null), read as {@code ratel history} does. */
    private static JobExecution lastExecution(Path home, BatchStatus status) throws Exception {
        try (JobStore store = JobStore.openReadOnly(home, null, null, null)) {
            return store == null ? null : lastExecution(store, status);
        }
    }

    private static JobExecution lastExecution(JobStore store, BatchStatus status) {
        List<JobInstance> instances = store.repository().findJobInstances("close-month");
        if (instances.isEmpty()) {
            return null;
        }
        JobExecution last = store.repository().getLastJobExecution(instances.get(0));
        return last == null || (status != null && last.getStatus() != status) ? null : last;
    }

    /** A generated May of {@code accounts} accounts, ingested and rated into {@code DIR/home} (data in {@code DIR/data}). */
    private Path ratedMonth(int accounts, int cdrs, int seed) {
        String data = dir.resolve("data").toString();
        Path home = dir.resolve("home");
        assertThat(run("generate", "--out", data, "--accounts", Integer.toString(accounts), "--cdrs", Integer.toString(cdrs), "--seed",
                Integer.toString(seed))).isZero();
        assertThat(run("ingest", "--home", home.toString(), "--cdr", data + "/cdr")).isZero();
        assertThat(run("rate", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", data + "/reference")).isZero();
        return home;
    }
}
