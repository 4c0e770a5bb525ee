package dev.ratel.cli;

import dev.ratel.jobs.deliver.Delivery;
import dev.ratel.jobs.deliver.MailSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratel deliver}: e-mails a closed period's invoices and acts, each once. */
@Command(name = "deliver", mixinStandardHelpOptions = true,
        description = {"E-mail each account of a closed period its invoice and act (the PDFs in OUT/YYYY-MM/) at the address",
                "customers.csv gives. What was sent is kept in the job repository: running it again sends only what was not sent,",
                "and no invoice twice. The SMTP password comes from RATEL_SMTP_PASSWORD."},
        footerHeading = "%nExamples:%n",
        footer = {"  RATEL_SMTP_PASSWORD=... ratel deliver --period 2024-05 --tariffs samples/tariffs --reference data/reference --out out \\",
                "      --smtp-host smtp.example.kz --smtp-user billing --from billing@example.kz"})
final class DeliverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HomeMixin homeOption;

    @Mixin
    JobStoreMixin jobStore;

    @Mixin
    ConfigurationMixin configuration;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "A closed period.")
    String period;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory the period was closed into.")
    Path out;

    @Option(names = "--smtp-host", required = true, paramLabel = "HOST", description = "The SMTP server.")
    String host;

    @Option(names = "--smtp-port", paramLabel = "PORT", description = "Its port (default: 587 with starttls, 465 with smtps, 25 with none).")
    Integer port;

    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls",
            description = "starttls, smtps or none (default: ${DEFAULT-VALUE}).")
    String security;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "The login; the password is read from RATEL_SMTP_PASSWORD.")
    String user;

    @Option(names = "--smtp-trust", paramLabel = "HOST",
            description = "Take this host's certificate without checking it (a relay with a self-signed certificate).")
    String trustedHost;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "The sender's address, as customers see it.")
    String from;

    @Option(names = "--smtp-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait to connect and for each reply of the server (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--resend-uncertain", description = "Also send the invoices a killed run left being sent (they may have reached the customer).")
    boolean resendUncertain;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        YearMonth month = Setup.period(period, "--period");
        MailSettings.Security mode;
        try {
            mode = MailSettings.Security.valueOf(security.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageProblem("--smtp-security '" + security + "' is not starttls, smtps or none");
        }
        int smtpPort = port != null ? port : mode == MailSettings.Security.SMTPS ? 465 : mode == MailSettings.Security.STARTTLS ? 587 : 25;
        String password = System.getenv("RATEL_SMTP_PASSWORD");
        if (user != null && (password == null || password.isEmpty())) {
            throw new UsageProblem("--smtp-user " + user + " needs its password in the environment variable RATEL_SMTP_PASSWORD");
        }
        MailSettings mail;
        try {
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--smtp-timeout " + timeoutSeconds + " must be at least 1 second");
            }
            mail = new MailSettings(host, smtpPort, mode, user, user == null ? null : password, from, trustedHost, timeoutSeconds * 1000);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        Setup setup = configuration.load();
        Delivery.Result result;
        try (JobStoreMixin.LockedHome home = jobStore.open(homeOption.home())) {
            result = new Delivery(home.store(), homeOption.home(), out, setup.reference(), setup.plans(), mail, Clock.systemUTC())
                    .resendUncertain(resendUncertain).run(month);
        } catch (IllegalStateException e) {
            throw new UsageProblem(e.getMessage());
        } catch (jakarta.mail.MessagingException e) {
            spec.commandLine().getErr().printf("ratel: cannot send through %s:%d (%s): %s; nothing was sent, run again when it answers%n",
                    host, smtpPort, mode.name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
            return ExitCodes.JOB_FAILED;
        }
        int code = result.failed() > 0 || result.uncertain() > 0 ? ExitCodes.JOB_FAILED : ExitCodes.OK;
        if (json.print(spec.commandLine().getOut(), JsonOption.summary("period", month.toString(), "sent", result.sent(),
                "already_sent", result.alreadySent(), "no_address", result.noAddress(), "uncertain", result.uncertain(), "failed", result.failed()))) {
            return code;
        }
        spec.commandLine().getOut().printf("%s: %d sent, %d sent before, %d without an e-mail in customers.csv, %d failed, %d uncertain%n",
                month, result.sent(), result.alreadySent(), result.noAddress(), result.failed(), result.uncertain());
        for (String failure : result.failures()) {
            spec.commandLine().getErr().println("ratel: not sent: " + failure);
        }
        if (result.uncertain() > 0) {
            spec.commandLine().getErr().printf("ratel: %d invoice(s) were being sent when an earlier run stopped and may have reached the customer;"
                    + " check the mail server's log, then run again with --resend-uncertain to send them (with the same Message-ID)%n", result.uncertain());
        }
        return code;
    }
}
