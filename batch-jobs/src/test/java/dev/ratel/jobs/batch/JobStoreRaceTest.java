package dev.ratel.jobs.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Two hosts start the same job against one PostgreSQL job repository in the same instant: one runs it,
 * the other is refused as "already running" (exit 2 in the CLI), never with the database's raw error.
 */
@Tag("slow")
class JobStoreRaceTest {
    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @Test
    void shouldRunOneOfTwoJobsStartedAtOnceAndRefuseTheOtherAsAlreadyRunning() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
             JobStore first = JobStore.open(dir.resolve("a"), postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
             JobStore second = JobStore.open(dir.resolve("b"), postgres.getJdbcUrl("postgres", "postgres"), "postgres", null)) {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    CountDownLatch release = new CountDownLatch(1);
                    CyclicBarrier together = new CyclicBarrier(2);
                    List<Future<JobExecution>> starts = new ArrayList<>();
                    for (JobStore store : List.of(first, second)) {
                        Job job = holdingJob(store, release);
                        String period = "2024-" + (round + 1);
                        starts.add(threads.submit(() -> {
                            together.await();
                            return store.run(job, new JobParametersBuilder().addString("period", period).toJobParameters());
                        }));
                    }
                    // one of the two is refused while the other still holds its step
                    Throwable refused = null;
                    Future<JobExecution> running = null;
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                    while (refused == null && System.nanoTime() < deadline) {
                        for (Future<JobExecution> start : starts) {
                            if (start.isDone()) {
                                try {
                                    start.get();
                                    throw new AssertionError("round " + round + ": a start finished while the step was held");
                                } catch (java.util.concurrent.ExecutionException e) {
                                    refused = e.getCause();
                                    running = starts.get(1 - starts.indexOf(start));
                                }
                            }
                        }
                        Thread.sleep(5);
                    }
                    assertThat(refused).as("round %d", round).isInstanceOf(JobStore.JobAlreadyRunningException.class);
                    assertThat(refused.getMessage()).as(String.valueOf(refused.getCause())).contains("pid " + ProcessHandle.current().pid());
                    release.countDown();
                    assertThat(running.get(1, TimeUnit.MINUTES).getStatus()).isEqualTo(BatchStatus.COMPLETED);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private static Job holdingJob(JobStore store, CountDownLatch release) {
        return new JobBuilder("close-month", store.repository())
                .start(new StepBuilder("hold", store.repository()).tasklet((contribution, context) -> {
                    release.await(1, TimeUnit.MINUTES);
                    return RepeatStatus.FINISHED;
                }, store.transactions()).build())
                .build();
    }
}
