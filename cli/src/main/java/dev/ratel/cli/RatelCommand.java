package dev.ratel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ratel} command: one subcommand per job. */
@Command(name = "ratel", mixinStandardHelpOptions = true, version = "ratel 0.1.0",
        description = "Batch billing and CDR rating for telecom operators.",
        subcommands = {TariffsCommand.class, ReferenceCommand.class, QuoteCommand.class, GenerateCommand.class, IngestCommand.class,
                RateCommand.class, ExportCommand.class, CloseMonthCommand.class, RunCommand.class, DemoCommand.class, BalancesCommand.class, HistoryCommand.class, DocumentsCommand.Acts.class, DocumentsCommand.Register.class, CreditControlCommand.class, ReconcileCommand.class, DetailCommand.class, AccountReportsCommand.Numbers.class, AccountReportsCommand.Payments.class,
                CommandLine.HelpCommand.class})
public final class RatelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }

    /** A command line with the contract's exit codes: 2 for bad usage or configuration. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new RatelCommand());
        line.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("ratel: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_CONFIGURATION;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ratel: " + ex.getMessage());
            return ex instanceof UsageProblem ? ExitCodes.BAD_CONFIGURATION : ExitCodes.JOB_FAILED;
        });
        return line;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
