package dev.ratel.jobs.batch;

import java.time.Instant;
import java.util.Optional;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The process that runs a job execution, kept in its non-identifying parameters {@code owner.host},
 * {@code owner.pid} and {@code owner.started} (the process's start, so a process id the system gave
 * again to another process is not taken for the owner).
 */
final class Owner {
    static final String HOST = "owner.host";
    static final String PID = "owner.pid";
    static final String STARTED = "owner.started";

    private Owner() {
    }

    /** The parameters with this process as owner. */
    static JobParameters stamp(JobParameters parameters) {
        ProcessHandle self = ProcessHandle.current();
        return new JobParametersBuilder(parameters).addString(HOST, host(), false).addLong(PID, self.pid(), false)
                .addString(STARTED, started(self), false).toJobParameters();
    }

    /**
     * Whether the owner of a running execution is known to be gone: a process of this host that no
     * longer runs (or no owner recorded, from a version before owners); with {@code homeRepository}
     * (the repository lives in the locked home, so no other process can use it) any other process.
     */
    static boolean isGone(JobParameters parameters, boolean homeRepository) {
        String host = parameters.getString(HOST);
        Long pid = parameters.getLong(PID);
        if (host == null || pid == null) {
            return true;
        }
        ProcessHandle self = ProcessHandle.current();
        if (pid == self.pid() && host.equals(host())) {
            return false; // this very process runs it, on another thread
        }
        if (homeRepository) {
            return true;
        }
        if (!host.equals(host())) {
            return false; // another machine: whether it still runs cannot be seen from here
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive() || !started(process.get()).equals(parameters.getString(STARTED, ""));
    }

    /** Whether this very process runs the execution. */
    static boolean isThisProcess(JobParameters parameters) {
        Long pid = parameters.getLong(PID);
        return pid != null && pid == ProcessHandle.current().pid() && host().equals(parameters.getString(HOST));
    }

    /** "pid 1234 on host billing-1". */
    static String of(JobParameters parameters) {
        return "pid " + parameters.getLong(PID, -1L) + " on host " + parameters.getString(HOST, "?");
    }

    private static String host() {
        return Host.NAME;
    }

    /** Looked up once per process: a name lookup can wait on DNS. */
    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                String name = System.getenv("HOSTNAME");
                return name == null ? "localhost" : name;
            }
        }
    }

    private static String started(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }
}
