package dev.ratel.jobs.deliver;

import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.batch.JobStore;
import dev.ratel.jobs.close.InvoiceStore;
import dev.ratel.jobs.close.PeriodOutputs;
import dev.ratel.jobs.documents.DocumentText;
import dev.ratel.jobs.home.HomeLock;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.ListItemReader;

/**
 * {@code ratel deliver}: e-mails each account of a closed period its invoice and act (the PDFs the close published) at
 * the address {@code customers.csv} gives, as the {@code deliver} job, one chunk-oriented step over the period's invoices
 * not sent yet. What was sent is kept in the job repository ({@link DeliveryStore}): an invoice is marked SENDING before
 * its message goes out and SENT once the server took it, so running the command again sends only what was not sent, and
 * never an invoice twice. A message the server refuses for a while (4xx, a dropped connection) is tried again, three
 * times in all; one it refuses for good (5xx, a bad address) is marked FAILED with the server's words and the others go
 * on. A message that went out without an answer (a timeout, a connection dropped after the data) may have been taken: it
 * stays SENDING. An invoice left SENDING, by that or by a killed run, is reported, and sent again only when asked
 * ({@link #resendUncertain}), with the Message-ID of its first try.
 */
public final class Delivery {
    private static final int CHUNK = 20;
    private static final int ATTEMPTS = 3;
    private static final int MAX_REPORTED_FAILURES = 20;

    /** What a run did. */
    public record Result(int sent, int alreadySent, int noAddress, int uncertain, int failed, List<String> failures) {
    }

    private final JobStore store;
    private final Path home;
    private final Path out;
    private final ReferenceData reference;
    private final Map<String, TariffPlan> plans;
    private final MailSettings mail;
    private final Clock clock;
    private boolean resendUncertain;
    private long retryPauseMillis = 2_000;

    public Delivery(JobStore store, Path home, Path out, ReferenceData reference, Map<String, TariffPlan> plans, MailSettings mail, Clock clock) {
        this.store = store;
        this.home = home;
        this.out = out;
        this.reference = reference;
        this.plans = plans;
        this.mail = mail;
        this.clock = clock;
    }

    /** Also sends the invoices a killed run left SENDING (they may have been sent). */
    public Delivery resendUncertain(boolean resend) {
        this.resendUncertain = resend;
        return this;
    }

    /** How long to wait before trying a refused message again, doubled each time. */
    public Delivery retryPause(long millis) {
        this.retryPauseMillis = millis;
        return this;
    }

    /**
     * Sends the period's documents.
     *
     * @throws IllegalStateException the period is not closed
     * @throws MessagingException the server cannot be reached or refuses the login: nothing was sent or marked
     */
    public Result run(YearMonth period) throws Exception {
        try (HomeLock lock = HomeLock.acquire(home); Mailer mailer = new Mailer(mail)) {
            if (!new InvoiceStore(store.dataSource()).isClosed(period.toString())) {
                throw new IllegalStateException("period " + period + " is not closed yet; run 'ratel close-month --period " + period + "' first");
            }
            mailer.connect();
            DeliveryStore deliveries = new DeliveryStore(store.dataSource());
            int alreadySent = deliveries.sentCount(period.toString());
            Counts counts = new Counts();
            ItemWriter<DeliveryStore.Pending> writer = chunk -> send(chunk, deliveries, mailer, counts);
            var step = new StepBuilder("send", store.repository()).<DeliveryStore.Pending, DeliveryStore.Pending>chunk(CHUNK)
                    .transactionManager(store.transactions())
                    .reader(new ListItemReader<>(deliveries.pending(period.toString())))
                    .writer(writer)
                    .build();
            JobExecution execution = store.run(new JobBuilder("deliver", store.repository()).start(step).build(),
                    new JobParametersBuilder().addString("period", period.toString()).addLong("run", clock.millis())
                            .addString("user", System.getProperty("user.name", "?"), false).toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                Throwable cause = execution.getAllFailureExceptions().isEmpty() ? null : execution.getAllFailureExceptions().get(0);
                throw new IOException("deliver " + period + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            return new Result(counts.sent.get(), alreadySent, counts.noAddress.get(), counts.uncertain.get(), counts.failed.get(),
                    List.copyOf(counts.failures));
        }
    }

    private static final class Counts {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger noAddress = new AtomicInteger();
        final AtomicInteger uncertain = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    }

    private void send(Chunk<? extends DeliveryStore.Pending> chunk, DeliveryStore deliveries, Mailer mailer, Counts counts) throws Exception {
        for (DeliveryStore.Pending invoice : chunk) {
            if (invoice.status() == DeliveryStore.Status.SENDING && !resendUncertain) {
                counts.uncertain.incrementAndGet();
                continue;
            }
            CustomerDetails customer = reference.customer(invoice.accountId());
            String email = customer == null ? "" : customer.requisites().email();
            if (email.isEmpty()) {
                counts.noAddress.incrementAndGet();
                continue;
            }
            Path directory = PeriodOutputs.directory(out, invoice.period());
            String file = PeriodOutputs.safeFileName(invoice.accountId()) + ".pdf";
            List<Path> files = List.of(directory.resolve("invoices").resolve(file), directory.resolve("acts").resolve(file));
            // a resend carries the id of the first try, so the customer's mail system can tell it is the same message
            String messageId = invoice.messageId() != null ? invoice.messageId() : "<" + invoice.invoiceNo() + "@" + domainOf(mail.from()) + ">";
            deliveries.sending(invoice, email, messageId, clock.instant());
            String problem = null;
            for (Path path : files) {
                if (!Files.isRegularFile(path)) {
                    problem = path + " is missing: render the period's documents again (ratel acts) and deliver again";
                }
            }
            Attempt attempt = problem != null ? new Attempt(Outcome.REFUSED, problem) : sendWithRetries(mailer, invoice, email, messageId, files);
            problem = attempt.problem();
            if (attempt.outcome() == Outcome.SENT) {
                deliveries.sent(invoice.invoiceNo(), clock.instant());
                counts.sent.incrementAndGet();
            } else if (attempt.outcome() == Outcome.UNKNOWN) {
                // the row stays SENDING: the server may have taken it
                counts.uncertain.incrementAndGet();
                if (counts.failures.size() < MAX_REPORTED_FAILURES) {
                    counts.failures.add(invoice.invoiceNo() + " (" + invoice.accountId() + ", " + email
                            + "): no answer after sending, it may have been delivered: " + problem);
                }
            } else {
                deliveries.failed(invoice.invoiceNo(), problem, clock.instant());
                counts.failed.incrementAndGet();
                if (counts.failures.size() < MAX_REPORTED_FAILURES) {
                    counts.failures.add(invoice.invoiceNo() + " (" + invoice.accountId() + ", " + email + "): " + problem);
                }
            }
        }
    }

    /** How a try ended. */
    private enum Outcome { SENT, NOT_SENT_FOR_NOW, REFUSED, UNKNOWN }

    /** A try's outcome and, when not sent, why. */
    private record Attempt(Outcome outcome, String problem) {
    }

    /**
     * Sends, trying again while the server refuses for a while or cannot be reached. Only a definite answer counts:
     * a reply that never came after the message went out (a timeout, a dropped connection) may mean the server took it,
     * so that invoice is left SENDING and reported, never sent again in this run.
     */
    private Attempt sendWithRetries(Mailer mailer, DeliveryStore.Pending invoice, String email, String messageId, List<Path> files)
            throws InterruptedException {
        TariffPlan plan = plans.get(invoice.planId());
        String seller = plan == null ? "" : plan.seller().name();
        String period = DocumentText.period(invoice.period());
        String subject = "Счёт на оплату № " + invoice.invoiceNo() + " и акт за " + period;
        String body = "Здравствуйте!\n\nВо вложении счёт на оплату № " + invoice.invoiceNo() + " от " + DocumentText.date(invoice.issueDate())
                + " на сумму " + DocumentText.money(invoice.grossMinor()).replace('\u00A0', ' ') + " " + invoice.currency()
                + " и акт выполненных работ (оказанных услуг) за " + period + " по лицевому счёту " + invoice.accountId()
                + ".\nСрок оплаты: " + invoice.dueDate().format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"))
                + ". В назначении платежа укажите номер счёта и лицевой счёт.\n\n" + seller + "\n";
        List<String> names = List.of("invoice-" + invoice.invoiceNo() + ".pdf", "act-" + invoice.invoiceNo() + ".pdf");
        long pause = retryPauseMillis;
        Attempt attempt = null;
        for (int tries = 1; tries <= ATTEMPTS; tries++) {
            try {
                mailer.send(messageId, email, subject, body, files, names);
                return new Attempt(Outcome.SENT, null);
            } catch (IOException e) {
                return new Attempt(Outcome.REFUSED, "cannot read the documents: " + describe(e));
            } catch (MessagingException e) {
                mailer.close();
                attempt = new Attempt(outcome(e), describe(e) + (tries > 1 ? " (try " + tries + ")" : ""));
                if (attempt.outcome() != Outcome.NOT_SENT_FOR_NOW || tries == ATTEMPTS) {
                    return attempt;
                }
                Thread.sleep(pause);
                pause *= 2;
            }
        }
        return attempt;
    }

    /** What a failure says of the message: not sent (refused for now, or no connection), refused for good, or unknown. */
    private static Outcome outcome(MessagingException e) {
        if (e instanceof Mailer.NotSentException) {
            return Outcome.NOT_SENT_FOR_NOW;
        }
        int code = replyCode(e);
        if (code >= 400 && code < 500) {
            return Outcome.NOT_SENT_FOR_NOW;
        }
        if (code >= 500 && code < 600) {
            return Outcome.REFUSED;
        }
        return Outcome.UNKNOWN;
    }

    /** The SMTP reply code the server refused with, or -1 where it gave none (the connection failed mid-way). */
    private static int replyCode(Throwable e) {
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException failed) {
                return failed.getReturnCode();
            }
            if (cause instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException failed && failed.getReturnCode() > 0) {
                return failed.getReturnCode();
            }
        }
        return -1;
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null && messaging.getNextException() != cause) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < 600; cause = cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            if (cause instanceof SendFailedException sendFailed && sendFailed.getNextException() != null && sendFailed.getNextException() != cause.getCause()) {
                String next = sendFailed.getNextException().getMessage();
                if (next != null && text.indexOf(next.strip()) < 0) {
                    text.append(": ").append(next.strip());
                }
            }
        }
        return text.toString();
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "ratel" : address.substring(at + 1).replace(">", "").strip();
        return domain.isEmpty() ? "ratel" : domain;
    }
}
