package dev.ratel.jobs.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
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

    private JobStore(DataSource dataSource, JdbcConnectionPool pool, String url) throws Exception {
        this.dataSource = dataSource;
        this.pool = pool;
        this.url = url;
        this.transactions = new DataSourceTransactionManager(dataSource);
        createSchemas();
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
                String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("repository") + ";DB_CLOSE_ON_EXIT=FALSE";
                JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ratel", "");
                pool.setMaxConnections(16);
                return new JobStore(pool, pool, url);
            }
            JdbcUrls.check(jdbcUrl);
            DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl, user == null ? "" : user,
                    password == null ? "" : password);
            return new JobStore(dataSource, null, jdbcUrl);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            String at = jdbcUrl == null ? dev.ratel.jobs.home.HomeLayout.jobs(home).toString() : jdbcUrl;
            throw new IOException(JdbcUrls.masked("cannot open the job repository at " + at + ": " + e.getMessage()), e);
        }
    }

    /**
     * Runs the job, restarting its instance where a failed or killed execution stopped. Each execution
     * records its owner (host, process id and the process's start) as non-identifying parameters. An
     * execution still marked as running is taken over (marked failed by Spring Batch's recover, so the
     * restart can go ahead) only when its owner is known to be gone: a process of this host that no
     * longer runs, or any owner of a repository inside the locked home. An owner still alive, or on
     * another host sharing the database, means the job is running there: this run is refused, and the
     * repository never holds two executions of the same job at once.
     *
     * @throws JobAlreadyRunningException when another live process runs the job
     */
    public JobExecution run(Job job, JobParameters parameters) throws Exception {
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
        if (pool != null) {
            try (Connection connection = pool.getConnection()) {
                connection.createStatement().execute("SHUTDOWN");
            } catch (SQLException e) {
                // the database closes with the process anyway
            }
            pool.dispose();
        }
    }
}
