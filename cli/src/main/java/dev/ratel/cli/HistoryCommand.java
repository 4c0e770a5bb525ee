package dev.ratel.cli;

import dev.ratel.jobs.batch.JobStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ratel history}: past runs from the job repository. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List past runs from the job repository: job, parameters, status, counts per step, duration, who started it.",
        footerHeading = "%nExamples:%n", footer = {"  ratel history", "  ratel history --last 5 --json"})
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Option(names = "--last", defaultValue = "20", paramLabel = "N", description = "How many runs, newest first (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--json", description = "Print the runs as a JSON array.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<JobExecution> executions = new ArrayList<>();
        try (JobStore store = jobStore.openReadOnly(homeOption)) {
            JobRepository repository = store == null ? null : store.repository();
            for (String job : repository == null ? List.<String>of() : repository.getJobNames()) {
                for (JobInstance instance : repository.findJobInstances(job)) {
                    executions.addAll(repository.getJobExecutions(instance));
                }
            }
        }
        executions.sort(Comparator.comparing(JobExecution::getCreateTime).reversed());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (JobExecution execution : executions.subList(0, Math.min(last, executions.size()))) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("execution", execution.getId());
            run.put("job", execution.getJobInstance().getJobName());
            Map<String, Object> parameters = new LinkedHashMap<>();
            String user = null;
            for (JobParameter<?> parameter : execution.getJobParameters()) {
                if (parameter.name().equals("user")) {
                    user = String.valueOf(parameter.value());
                } else if (!parameter.name().equals("run")) {
                    parameters.put(parameter.name(), String.valueOf(parameter.value()));
                }
            }
            run.put("parameters", parameters);
            run.put("status", execution.getStatus().name());
            run.put("started", execution.getStartTime() == null ? null : execution.getStartTime().toString());
            run.put("seconds", execution.getStartTime() == null || execution.getEndTime() == null ? null
                    : Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis() / 1000.0);
            run.put("user", user);
            List<String> steps = new ArrayList<>();
            for (StepExecution step : execution.getStepExecutions()) {
                steps.add(step.getStepName() + " " + step.getStatus().name().toLowerCase() + " read " + step.getReadCount()
                        + " written " + step.getWriteCount() + " filtered " + step.getFilterCount());
            }
            run.put("steps", steps);
            runs.add(run);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOption.write(runs));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            out.println("no runs recorded in " + homeOption.home() + " yet");
        }
        for (Map<String, Object> run : runs) {
            out.printf("#%s %-15s %-9s %s  %ss  by %s  %s%n", run.get("execution"), run.get("job"), run.get("status"),
                    run.get("started"), run.get("seconds"), run.get("user"), run.get("parameters"));
            for (Object step : (List<?>) run.get("steps")) {
                out.printf("    %s%n", step);
            }
        }
        return ExitCodes.OK;
    }
}
