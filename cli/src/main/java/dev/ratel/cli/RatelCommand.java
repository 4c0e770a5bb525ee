package dev.ratel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ratel} command: one subcommand per job. */
@Command(name = "ratel", mixinStandardHelpOptions = true, version = "ratel 0.1.0",
        description = "Batch billing and CDR rating for telecom operators.",
        subcommands = {TariffsCommand.class, ReferenceCommand.class, QuoteCommand.class, GenerateCommand.class, IngestCommand.class,
                RateCommand.class, ExportCommand.class, CloseMonthCommand.class, RunCommand.class, DemoCommand.class, BalancesCommand.class, HistoryCommand.class, DocumentsCommand.Acts.class, DocumentsCommand.Register.class, DeliverCommand.class, CreditControlCommand.class, ReconcileCommand.class, DetailCommand.class, AccountReportsCommand.Numbers.class, AccountReportsCommand.Payments.class, BenchCommand.class,
                picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footerHeading = "%nSettings:%n", footer = {"Settings cron sets once can live in a properties file, RATEL_CONFIG or else ~/.ratel.properties, one",
                "option per line by its long name without dashes (home=/srv/ratel, jdbc-url=jdbc:postgresql://db/ratel);",
                "the command line overrides it. 'ratel generate-completion' prints a bash/zsh completion script."})
public final class RatelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "When a job fails, print the stack trace after the one-line message.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    /** A command line with the contract's exit codes: 2 for bad usage or configuration. */
    public static CommandLine commandLine() {
        return commandLine(java.time.Clock.systemDefaultZone());
    }

    /** {@link #commandLine()} whose commands take "today" from {@code clock}. */
    static CommandLine commandLine(java.time.Clock clock) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof ClockAware aware) {
                    aware.useClock(clock);
                }
                return made;
            }
        };
        CommandLine line = new CommandLine(new RatelCommand(), factory);
        java.io.File settings = settingsFile();
        if (settings != null) {
            line.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(settings));
        }
        line.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("ratel: " + dev.ratel.jobs.batch.JdbcUrls.masked(ex.getMessage()));
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_CONFIGURATION;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ratel: " + Failures.describe(ex));
            if (parsed.expandedArgs().contains("--verbose")) {
                ex.printStackTrace(cmd.getErr());
            }
            // another run holding the home, or running the same job against a shared job repository: nothing was done
            boolean nothingDone = ex instanceof UsageProblem || ex instanceof dev.ratel.jobs.home.HomeLock.HomeLockedException
                    || ex instanceof dev.ratel.jobs.batch.JobStore.JobAlreadyRunningException
                    || ex instanceof dev.ratel.jobs.home.HomeFormatException;
            return nothingDone ? ExitCodes.BAD_CONFIGURATION : ExitCodes.JOB_FAILED;
        });
        return line;
    }

    /** The settings file: {@code RATEL_CONFIG}, or {@code ~/.ratel.properties} when it exists. */
    static java.io.File settingsFile() {
        String configured = System.getenv("RATEL_CONFIG");
        if (configured != null && !configured.isBlank()) {
            return new java.io.File(configured);
        }
        java.io.File home = new java.io.File(System.getProperty("user.home"), ".ratel.properties");
        return home.isFile() ? home : null;
    }

    public static void main(String[] args) {
        stopCleanlyOn("INT", 130);
        stopCleanlyOn("TERM", 143);
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (Error error) {
            // an Error from a job's own thread (a mapped write the device could not take): said in one line, exit 1
            System.err.println("ratel: " + Failures.describe(error));
            exit = ExitCodes.JOB_FAILED;
        }
        System.exit(exit);
    }

    /** How long a stop waits for the running steps' next commit before it marks them stopped as they stand. */
    private static final java.time.Duration STOP_PATIENCE = java.time.Duration.ofSeconds(5);

    /**
     * Ctrl-C (SIGINT) and SIGTERM: the jobs this process runs stop at their next commit, as Spring Batch stops a job
     * (or, past {@link #STOP_PATIENCE}, are marked stopped as they stand), one line says what was kept and how to resume,
     * and the process exits. Everything Ratel writes survives a kill at any instant (journals, counters and documents
     * are published whole), so the stop only makes the history say so.
     */
    private static void stopCleanlyOn(String signal, int exitCode) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal), received -> {
                System.err.println();
                System.err.println("ratel: SIG" + signal + ": stopping at the next commit");
                System.err.flush();
                java.util.List<String> stopped = dev.ratel.jobs.batch.JobStore.stopRunning("stopped by SIG" + signal, STOP_PATIENCE);
                System.err.println("ratel: stopped by SIG" + signal + (stopped.isEmpty() ? "." : " (" + String.join("; ", stopped) + ")"
                        + ". Everything committed so far is kept; run the same command again to resume where it stopped."));
                System.err.flush();
                System.out.flush();
                // halt, not exit: shutdown hooks would close the database under the job's own thread, which then logs
                // its failed chunk; what is committed is on disk, and the rest is redone by the next run as after a kill
                Runtime.getRuntime().halt(exitCode);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            // a platform without the signal: the default ends the process, and the next run takes its work over
        }
    }

    /** A command that asks what today is: its clock is set when it is made. */
    interface ClockAware {
        void useClock(java.time.Clock clock);
    }
}
