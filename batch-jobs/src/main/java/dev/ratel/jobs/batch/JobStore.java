package dev.ratel.jobs.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepExecution;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The database behind Ratel's jobs: Spring Batch's JobRepository (what ran, with which parameters,
 * how far it got, so a failed job restarts where it stopped) and Ratel's own tables (issued
 * invoices and their numbering). An H2 file under the home by default
 * ({@code HOME/jobs/repository.mv.db}); PostgreSQL, or any database Spring Batch supports, by JDBC
 * URL. The schemas are created on first use.
 */
public final class JobStore implements AutoCloseable {
    private final DataSource dataSource;
    private final JdbcConnectionPool pool;
    private final PlatformTransactionManager transactions;
    private final JobRepository repository;
    private final TaskExecutorJobOperator operator;
    private final String url;
    private final boolean readOnly;
    private dev.ratel.jobs.home.HomeLock readerLock;

    /** The stores this process has open, for {@link #stopRunning}. */
    private static final java.util.Set<JobStore> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private JobStore(DataSource dataSource, JdbcConnectionPool pool, String url, boolean readOnly) throws Exception {
        this.dataSource = dataSource;
        this.pool = pool;
        this.url = url;
        this.readOnly = readOnly;
        this.transactions = new DataSourceTransactionManager(dataSource);
        if (!readOnly) {
            createSchemas();
        }
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactions);
        factory.afterPropertiesSet();
        this.repository = factory.getObject();
        this.operator = new TaskExecutorJobOperator();
        operator.setJobRepository(repository);
        operator.setTaskExecutor(new SyncTaskExecutor());
        operator.setJobRegistry(new MapJobRegistry());
        operator.afterPropertiesSet();
        if (!readOnly) {
            OPEN.add(this);
        }
    }

    /** Why this process was told to stop, once it was: from then on no run starts, and none returns. */
    private static volatile String stopReason;
    /** Guards {@link #activeRuns} and {@link #endedRuns}. */
    private static final Object RUNS = new Object();
    /** Runs of this process inside {@link #run} that have not ended. */
    private static int activeRuns;
    /** How the runs that ended after the stop was asked for ended, as {@code close-month period=2024-05 in step documents}. */
    private static final List<String> endedRuns = new java.util.ArrayList<>();

    /**
     * Stops the runs of this process when it is told to stop (Ctrl-C, SIGTERM), and says how each ended. As Spring Batch
     * stops a job: each running execution is marked STOPPING, and its steps end STOPPED at their next commit, the job
     * STOPPED with its end time, the reason in its exit description. A step that reaches no commit within
     * {@code patience} (a long tasklet) is marked stopped as it stands, which a restart treats as after a kill. After
     * this call no run starts and none returns: the caller ends the process. What the steps committed is kept; the
     * next run of the same command restarts where each stopped.
     */
    public static List<String> stopRunning(String why, java.time.Duration patience) {
        stopReason = why;
        markEach((store, execution) -> {
            execution.setStatus(BatchStatus.STOPPING);
            store.repository.update(execution);
            return null;
        });
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (RUNS) {
            try {
                for (long left = patience.toNanos(); activeRuns > 0 && left > 0; left = deadline - System.nanoTime()) {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(RUNS, left);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (activeRuns == 0) {
                return List.copyOf(endedRuns);
            }
        }
        List<String> stopped = markEach((store, execution) -> store.markStopped(execution, why));
        synchronized (RUNS) {
            stopped.addAll(0, endedRuns);
        }
        return stopped;
    }

    /**
     * Applies {@code mark} to every execution this process is running, in every open store, and writes the store to
     * disk. The job's own threads go on committing chunks meanwhile, each moving the step's version: an update that lost
     * that race reads the executions again and is tried again.
     */
    private static List<String> markEach(java.util.function.BiFunction<JobStore, JobExecution, String> mark) {
        List<String> marked = new java.util.ArrayList<>();
        for (JobStore store : OPEN) {
            for (int attempt = 1; ; attempt++) {
                List<String> described = new java.util.ArrayList<>();
                try {
                    for (String job : store.repository.getJobNames()) {
                        for (JobExecution execution : store.repository.findRunningJobExecutions(job)) {
                            if (Owner.isThisProcess(execution.getJobParameters())) {
                                String description = mark.apply(store, execution);
                                if (description != null) {
                                    described.add(description);
                                }
                            }
                        }
                    }
                    store.checkpoint();
                    marked.addAll(described);
                    break;
                } catch (org.springframework.dao.OptimisticLockingFailureException raced) {
                    if (attempt == 20) {
                        marked.add("(the job repository could not be updated: " + raced.getMessage() + ")");
                        break;
                    }
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                } catch (RuntimeException e) {
                    // the database is unreachable: the next run takes the execution over as it does after kill -9
                    marked.add("(the job repository could not be updated: " + e.getMessage() + ")");
                    break;
                }
            }
        }
        return marked;
    }

    /**
     * Writes what is committed to the H2 file now, not within H2's write delay: the process that stops on a signal ends
     * straight after marking its runs stopped, without closing the database.
     */
    private void checkpoint() {
        if (pool == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("CHECKPOINT SYNC");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String markStopped(JobExecution execution, String why) {
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        String step = null;
        for (StepExecution stepExecution : execution.getStepExecutions()) {
            if (stepExecution.getStatus().isRunning()) {
                stepExecution.setStatus(BatchStatus.STOPPED);
                stepExecution.setExitStatus(ExitStatus.STOPPED.addExitDescription(why));
                stepExecution.setEndTime(now);
                repository.update(stepExecution);
                step = stepExecution.getStepName();
            }
        }
        execution.setStatus(BatchStatus.STOPPED);
        execution.setExitStatus(ExitStatus.STOPPED.addExitDescription(why));
        execution.setEndTime(now);
        repository.update(execution);
        return execution.getJobInstance().getJobName() + " " + describe(execution.getJobParameters()) + (step == null ? "" : " in step " + step);
    }

    /**
     * Opens the job store of {@code home}: the H2 file under it, or the database at {@code jdbcUrl}
     * when one is given (user and password may be null).
     */
    public static JobStore open(Path home, String jdbcUrl, String user, String password) throws IOException {
        try {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                Path directory = dev.ratel.jobs.home.HomeLayout.jobs(home);
                Files.createDirectories(directory);
                JdbcConnectionPool pool = h2Pool(home);
                return new JobStore(pool, pool, h2Url(home), false);
            }
            JdbcUrls.check(jdbcUrl);
            DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, user == null ? "" : user,
                    password == null ? "" : password);
            return new JobStore(dataSource, null, jdbcUrl, false);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            String at = jdbcUrl == null ? dev.ratel.jobs.home.HomeLayout.jobs(home).toString() : jdbcUrl;
            throw new IOException(JdbcUrls.masked("cannot open the job repository at " + at + ": " + e.getMessage()), e);
        }
    }

    /**
     * Opens the job store of {@code home} to read it, while a run may hold the home, creating nothing: with a run active
     * its process serves the H2 file; with none, the reader holds the home as a reader for the read
     * ({@link dev.ratel.jobs.home.HomeLock#tryReading}), and a run that starts meanwhile waits for it. Returns null when
     * the home's repository has never been made (nothing ran there yet).
     */
    public static JobStore openReadOnly(Path home, String jdbcUrl, String user, String password) throws IOException {
        try {
            if (jdbcUrl == null || jdbcUrl.isBlank()) {
                if (!Files.exists(dev.ratel.jobs.home.HomeLayout.jobs(home).resolve("repository.mv.db"))) {
                    return null;
                }
                // no run active: the reader holds the home for the read, so a run starting meanwhile waits rather than
                // use the file through this process; a run active: its process serves the file to this one
                dev.ratel.jobs.home.HomeLock reading = dev.ratel.jobs.home.HomeLock.tryReading(home);
                if (reading == null) {
                    // a run holds the home: connect only once it serves the file (H2 keeps its address in the lock
                    // file), never opening the file first and so serving it to the run
                    Path served = dev.ratel.jobs.home.HomeLayout.jobs(home).resolve("repository.lock.db");
                    for (int wait = 0; wait < 100 && !Files.exists(served); wait++) {
                        Thread.sleep(100);
                    }
                }
                for (int attempt = 1; ; attempt++) {
                    // holding the home, the reader opens the file alone (no server a run could come to depend on)
                    String url = reading != null ? h2Url(home).replace(";AUTO_SERVER=TRUE", "") : h2Url(home);
                    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ratel", "");
                    try {
                        JobStore store = new JobStore(pool, pool, url, true);
                        if (!store.hasTables()) {
                            store.close();
                            if (reading != null) {
                                reading.close();
                            }
                            return null;
                        }
                        store.readerLock = reading;
                        return store;
                    } catch (Exception e) {
                        pool.dispose();
                        // a run opening or closing the file leaves a moment with neither a file to open nor a server
                        if (attempt == 10) {
                            if (reading != null) {
                                reading.close();
                            }
                            throw e;
                        }
                        Thread.sleep(200);
                    }
                }
            }
            JdbcUrls.check(jdbcUrl);
            JobStore store = new JobStore(new DriverManagerDataSource(jdbcUrl, user == null ? "" : user, password == null ? "" : password),
                    null, jdbcUrl, true);
            return store.hasTables() ? store : null;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            String at = jdbcUrl == null ? dev.ratel.jobs.home.HomeLayout.jobs(home).toString() : jdbcUrl;
            throw new IOException(JdbcUrls.masked("cannot open the job repository at " + at + ": " + e.getMessage()), e);
        }
    }

    static {
        // H2's mixed mode serves the file over TCP to other processes of this machine: on the loopback interface only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * The H2 file under the home, opened in H2's automatic mixed mode: the run serves it to other processes (on
     * 127.0.0.1, with the random key H2 keeps in the home's {@code repository.lock.db}), so {@code ratel history}
     * reads it while a run holds the file.
     */
    private static String h2Url(Path home) {
        return "jdbc:h2:file:" + dev.ratel.jobs.home.HomeLayout.jobs(home).toAbsolutePath().resolve("repository")
                + ";AUTO_SERVER=TRUE";
    }

    private static JdbcConnectionPool h2Pool(Path home) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(h2Url(home), "ratel", "");
        pool.setMaxConnections(16);
        return pool;
    }

    private boolean hasTables() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return tableExists(connection, "BATCH_JOB_INSTANCE") && tableExists(connection, "RATEL_INVOICE");
        }
    }

    /**
     * Runs the job, restarting its instance where a failed or killed execution stopped. Each execution
     * records its owner (host, process id and the process's start) as non-identifying parameters. An
     * execution still marked as running is taken over (marked failed by Spring Batch's recover, so the
     * restart can go ahead) only when its owner is known to be gone: a process of this host that no
     * longer runs, or any owner of a repository inside the locked home. An owner still alive, or on
     * another host sharing the database, means the job is running there: this run is refused, and the
     * repository never holds two executions of the same job at once. Once the process is told to stop
     * ({@link #stopRunning}) no run starts and none returns.
     *
     * @throws JobAlreadyRunningException when another live process runs the job
     */
    public JobExecution run(Job job, JobParameters parameters) throws Exception {
        boolean stopping;
        synchronized (RUNS) {
            stopping = stopReason != null;
            if (!stopping) {
                activeRuns++;
            }
        }
        if (stopping) {
            awaitTheEnd();
        }
        JobExecution execution = null;
        try {
            execution = start(job, parameters);
            return execution;
        } finally {
            String why = stopReason;
            String ended = why == null ? null : endedAfterStop(execution, why);
            synchronized (RUNS) {
                if (ended != null) {
                    endedRuns.add(ended);
                }
                activeRuns--;
                RUNS.notifyAll();
            }
            if (why != null) {
                awaitTheEnd();
            }
        }
    }

    /** How a run that ended after the stop was asked for ended; its exit description gets the reason. */
    private String endedAfterStop(JobExecution execution, String why) {
        if (execution == null) {
            return null;
        }
        String name = execution.getJobInstance().getJobName() + " " + describe(execution.getJobParameters());
        if (execution.getStatus() != BatchStatus.STOPPED) {
            return name + " ended " + execution.getStatus() + " first";
        }
        StepExecution first = null;
        for (StepExecution step : execution.getStepExecutions()) {
            // the step that was running: a partitioned step's manager started before its workers
            if (step.getStatus() == BatchStatus.STOPPED && (first == null || step.getStartTime().isBefore(first.getStartTime()))) {
                first = step;
            }
        }
        try {
            execution.setExitStatus(execution.getExitStatus().addExitDescription(why));
            repository.update(execution);
            checkpoint();
        } catch (RuntimeException e) {
            // the stop itself is recorded; only the reason is missing from the history
        }
        return name + (first == null ? "" : " in step " + first.getStepName());
    }

    /** A run after the process was told to stop waits here for the signal's handler to end the process. */
    private static void awaitTheEnd() {
        while (true) {
            java.util.concurrent.locks.LockSupport.park();
        }
    }

    private JobExecution start(Job job, JobParameters parameters) throws Exception {
        for (JobExecution running : repository.findRunningJobExecutions(job.getName())) {
            if (!Owner.isGone(running.getJobParameters(), pool != null)) {
                throw alreadyRunning(job, running);
            }
            operator.recover(running);
        }
        try {
            return operator.start(job, Owner.stamp(parameters));
        } catch (org.springframework.batch.core.launch.JobExecutionAlreadyRunningException
                 | org.springframework.dao.DataIntegrityViolationException | org.springframework.dao.ConcurrencyFailureException
                 | IllegalStateException raced) {
            // another process created the instance or execution between the check above and this start: the job
            // instance's unique key, a serialization failure, or one of Spring Batch's own checks ("JobInstance must
            // not already exist"). Its execution is committed a moment later: the same refusal as above, naming it
            JobExecution other = runningExecutionWithin(job, java.time.Duration.ofSeconds(5));
            if (other != null) {
                throw alreadyRunning(job, other);
            }
            if (raced instanceof IllegalStateException && !String.valueOf(raced.getMessage()).contains("already exist")) {
                throw raced;
            }
            JobAlreadyRunningException refused = new JobAlreadyRunningException(job.getName() + " " + describe(parameters)
                    + " was started by another process at the same moment; run the command again once that run has finished");
            refused.initCause(raced);
            throw refused;
        }
    }

    private JobExecution runningExecutionWithin(Job job, java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            java.util.Set<JobExecution> running = repository.findRunningJobExecutions(job.getName());
            if (!running.isEmpty()) {
                return running.iterator().next();
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(50);
        }
    }

    private JobAlreadyRunningException alreadyRunning(Job job, JobExecution running) {
        return new JobAlreadyRunningException(job.getName() + " " + describe(running.getJobParameters()) + " is already running in "
                + Owner.of(running.getJobParameters()) + " since " + running.getStartTime() + " (execution " + running.getId() + " in "
                + JdbcUrls.masked(url) + "); wait for it to finish. If that process is gone, mark the execution failed:"
                + " UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED', END_TIME = now() WHERE JOB_EXECUTION_ID = " + running.getId());
    }

    /** The identifying parameters, as {@code period=2024-05}. */
    private static String describe(JobParameters parameters) {
        StringBuilder text = new StringBuilder();
        parameters.getIdentifyingParameters().forEach(parameter -> text.append(text.isEmpty() ? "" : ", ").append(parameter.name()).append('=').append(parameter.value()));
        return text.toString();
    }

    /** Thrown when another live process runs the same job against the same repository. */
    public static final class JobAlreadyRunningException extends IOException {
        public JobAlreadyRunningException(String message) {
            super(message);
        }
    }

    public JobRepository repository() {
        return repository;
    }

    public PlatformTransactionManager transactions() {
        return transactions;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the store lives, for messages. */
    public String url() {
        return url;
    }

    private void createSchemas() throws SQLException {
        String product;
        boolean batchTables;
        boolean ratelTables;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            batchTables = tableExists(connection, "BATCH_JOB_INSTANCE");
            ratelTables = tableExists(connection, "RATEL_INVOICE");
        }
        String dialect = product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : null;
        if (dialect == null) {
            throw new SQLException("Ratel creates its schema on H2 and PostgreSQL; create the Spring Batch and Ratel tables"
                    + " for '" + product + "' by hand");
        }
        if (!batchTables) {
            new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-" + dialect + ".sql"))
                    .execute(dataSource);
        }
        if (!ratelTables) {
            new ResourceDatabasePopulator(new ClassPathResource("dev/ratel/jobs/batch/ratel-schema.sql")).execute(dataSource);
        }
        boolean schema2;
        try (Connection connection = dataSource.getConnection()) {
            schema2 = tableExists(connection, "RATEL_HELD_ACCOUNT");
        }
        if (!schema2) {
            // a repository made by an earlier Ratel gains what schema 2 adds; its rows stay as they are
            new ResourceDatabasePopulator(new ClassPathResource("dev/ratel/jobs/batch/ratel-schema-2.sql")).execute(dataSource);
        }
        boolean schema3;
        try (Connection connection = dataSource.getConnection()) {
            schema3 = tableExists(connection, "RATEL_DELIVERY");
        }
        if (!schema3) {
            new ResourceDatabasePopulator(new ClassPathResource("dev/ratel/jobs/batch/ratel-schema-3.sql")).execute(dataSource);
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        OPEN.remove(this);
        if (pool != null && readOnly) {
            // a reader never shuts the database down: a run in another process may be using it through this one
            pool.dispose();
            if (readerLock != null) {
                try {
                    readerLock.close();
                } catch (IOException e) {
                    // the operating system drops the lock with the process
                }
            }
        } else if (pool != null) {
            try (Connection connection = pool.getConnection()) {
                connection.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                // the database closes with the process anyway
            }
            pool.dispose();
        }
    }
}
