package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.jobs.batch.JobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine;

/**
 * The documents of a month end resume after {@code kill -9} without redoing what was published (issue 20): a close is
 * killed while its buckets render; the restart leaves every document of a finished bucket, and of the committed chunks
 * of an unfinished one, as it was (same modification time), and renders the rest.
 */
@Tag("slow")
class MonthEndResumeTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    @Test
    void shouldRenderOnlyWhatWasNotPublishedAfterAKillInTheDocuments() throws Exception {
        String data = dir.resolve("data").toString();
        Path home = dir.resolve("home");
        Path out = dir.resolve("out");
        assertThat(run("generate", "--out", data, "--accounts", "3000", "--cdrs", "30000", "--seed", "8")).isZero();
        assertThat(run("ingest", "--home", home.toString(), "--cdr", data + "/cdr")).isZero();
        assertThat(run("rate", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", data + "/reference")).isZero();
        String[] close = {"close-month", "--home", home.toString(), "--tariffs", TARIFFS, "--reference", data + "/reference",
            "--out", out.toString(), "--period", "2024-05"};

        Process child = RatelChild.start("512m", close);
        List<StepExecution> buckets = List.of();
        boolean killed = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // killed once a bucket has finished and another has committed a chunk but not finished
        while (child.isAlive() && System.nanoTime() < deadline) {
            buckets = documentBuckets(home);
            if (buckets.stream().anyMatch(b -> b.getStatus() == BatchStatus.COMPLETED)
                    && buckets.stream().anyMatch(b -> b.getStatus() != BatchStatus.COMPLETED && b.getWriteCount() > 0)) {
                RatelChild.kill(child);
                killed = true;
                break;
            }
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).isFalse();
        if (!killed) {
            org.junit.jupiter.api.Assertions.fail("the close ended before the kill: " + RatelChild.output(child));
        }
        assertThat(buckets).as("the kill landed while the buckets rendered").isNotEmpty();
        buckets = documentBuckets(home); // as the repository kept them after the kill
        Map<String, FileTime> before = modified(out.resolve("2024-05/invoices"));

        assertThat(run(close)).as(err.toString()).isZero();
        Map<String, FileTime> after = modified(out.resolve("2024-05/invoices"));
        assertThat(after).hasSize(3000);

        // the accounts published before the kill: a finished bucket's whole range, an unfinished one's committed chunks
        List<String> kept = new ArrayList<>();
        List<String> accounts = new ArrayList<>(new java.util.TreeSet<>(after.keySet()));
        for (StepExecution bucket : buckets) {
            String from = bucket.getExecutionContext().getString("after");
            String to = bucket.getStatus() == BatchStatus.COMPLETED
                    ? bucket.getExecutionContext().containsKey("up_to") ? bucket.getExecutionContext().getString("up_to") : null
                    : bucket.getExecutionContext().containsKey("last_account_done") ? bucket.getExecutionContext().getString("last_account_done") : from;
            for (String account : accounts) {
                if (account.compareTo(from) > 0 && (to == null || account.compareTo(to) <= 0)) {
                    kept.add(account);
                }
            }
        }
        assertThat(kept).as("documents published before the kill").isNotEmpty().hasSizeLessThan(3000);
        for (String account : kept) {
            assertThat(after.get(account)).as("the invoice of " + account + ", published before the kill").isEqualTo(before.get(account));
        }
        long rendered = after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        assertThat(rendered).as("documents rendered by the restart").isEqualTo(3000 - kept.size());
        // the summary times the steps the killed execution finished as well as the restart's
        assertThat(Files.readString(out.resolve("2024-05/run-summary.json"))).contains("\"close.expire\"").contains("\"close.issue\"")
                .contains("\"close.publish\"").contains("\"close.documents\"");
    }

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine();
        line.setOut(new PrintWriter(new StringWriter(), true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    /** The buckets of the close's documents step, from its newest execution. */
    private static List<StepExecution> documentBuckets(Path home) throws Exception {
        try (JobStore store = JobStore.openReadOnly(home, null, null, null)) {
            if (store == null) {
                return List.of();
            }
            List<JobInstance> instances = store.repository().findJobInstances("close-month");
            JobExecution last = instances.isEmpty() ? null : store.repository().getLastJobExecution(instances.get(0));
            if (last == null) {
                return List.of();
            }
            return last.getStepExecutions().stream().filter(step -> step.getStepName().startsWith("documents-bucket:")).toList();
        }
    }

    /** The modification time of each account's file in {@code directory}, by account id (the file's name). */
    private static Map<String, FileTime> modified(Path directory) throws Exception {
        Map<String, FileTime> times = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return times;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pdf")).toList()) {
                times.put(file.getFileName().toString().replace(".pdf", ""), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }
}
