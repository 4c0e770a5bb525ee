package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ratel.jobs.batch.JobStore;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #21: {@code ratel deliver} against a real SMTP server started in the test (GreenMail): each account with an
 * e-mail in customers.csv gets its invoice and act once; a server that is down sends and marks nothing; a second run
 * sends nothing again; an invoice a killed run left being sent is only sent again when asked, through SMTPS, with the
 * same Message-ID.
 */
class DeliverTest {
    private static final String TARIFFS = "../samples/tariffs";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine(java.time.Clock.fixed(java.time.Instant.parse("2024-06-03T12:00:00Z"), java.time.ZoneOffset.UTC));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void shouldSendEachInvoiceAndActOnceAndOnlyWhatWasNotSent() throws Exception {
        String data = dir.resolve("data").toString();
        String home = dir.resolve("home").toString();
        Path outDir = dir.resolve("out");
        assertThat(run("generate", "--out", data, "--accounts", "6", "--cdrs", "600", "--seed", "5")).as(err.toString()).isZero();
        // one customer has no e-mail address
        Path customers = dir.resolve("data/reference/customers.csv");
        List<String> rows = Files.readAllLines(customers);
        rows.set(3, rows.get(3).replaceAll(",buh@[^,]*,", ",,"));
        Files.write(customers, rows);
        assertThat(run("ingest", "--home", home, "--cdr", data + "/cdr")).isZero();
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference")).isZero();
        assertThat(run("close-month", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir.toString(),
                "--period", "2024-05")).as(err.toString()).isZero();
        int smtpPort = freePort();
        String[] deliver = {"deliver", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir.toString(),
            "--period", "2024-05", "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(smtpPort), "--smtp-security", "none",
            "--from", "billing@example.kz"};

        // no server yet: nothing is sent or marked
        assertThat(run(deliver)).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(err.toString()).contains("cannot send through 127.0.0.1:" + smtpPort).contains("nothing was sent");

        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String invoiceNo;
        try {
            assertThat(run(deliver)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("2024-05: 5 sent, 0 sent before, 1 without an e-mail in customers.csv, 0 failed, 0 uncertain");
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(5);
            TreeMap<String, MimeMessage> byRecipient = new TreeMap<>();
            for (MimeMessage message : received) {
                byRecipient.put(message.getAllRecipients()[0].toString(), message);
            }
            assertThat(byRecipient).doesNotContainKey("buh@a000003.example.kz").containsKey("buh@a000001.example.kz");
            MimeMessage first = byRecipient.get("buh@a000001.example.kz");
            invoiceNo = first.getSubject().replaceAll("Счёт на оплату № (\\S+) и акт за май 2024 г\\.", "$1");
            assertThat(first.getSubject()).isEqualTo("Счёт на оплату № " + invoiceNo + " и акт за май 2024 г.");
            assertThat(first.getMessageID()).isEqualTo("<" + invoiceNo + "@example.kz>");
            Multipart parts = (Multipart) first.getContent();
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat((String) parts.getBodyPart(0).getContent()).contains("лицевому счёту A000001").contains("за май 2024 г.");
            BodyPart invoice = parts.getBodyPart(1);
            BodyPart act = parts.getBodyPart(2);
            assertThat(invoice.getFileName()).isEqualTo("invoice-" + invoiceNo + ".pdf");
            assertThat(act.getFileName()).isEqualTo("act-" + invoiceNo + ".pdf");
            // the attachments are the published files, byte for byte
            assertThat(invoice.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(outDir.resolve("2024-05/invoices/A000001.pdf")));
            assertThat(act.getInputStream().readAllBytes()).isEqualTo(Files.readAllBytes(outDir.resolve("2024-05/acts/A000001.pdf")));

            // again: nothing is sent twice
            assertThat(run(deliver)).isZero();
            assertThat(out.toString()).contains("2024-05: 0 sent, 5 sent before, 1 without an e-mail in customers.csv, 0 failed, 0 uncertain");
            assertThat(smtp.getReceivedMessages()).hasSize(5);

            // a run killed between marking an invoice and hearing back from the server leaves it SENDING
            try (JobStore store = JobStore.open(Path.of(home), null, null, null)) {
                new org.springframework.jdbc.core.JdbcTemplate(store.dataSource())
                        .update("UPDATE RATEL_DELIVERY SET STATUS = 'SENDING' WHERE INVOICE_NO = ?", invoiceNo);
            }
            assertThat(run(deliver)).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(out.toString()).contains("0 sent, 4 sent before, 1 without an e-mail in customers.csv, 0 failed, 1 uncertain");
            assertThat(err.toString()).contains("may have reached the customer").contains("--resend-uncertain");
            assertThat(smtp.getReceivedMessages()).hasSize(5);
        } finally {
            smtp.stop();
        }

        // sent again on request, over SMTPS to a relay with a self-signed certificate, with the same Message-ID
        int smtpsPort = freePort();
        GreenMail smtps = new GreenMail(new ServerSetup(smtpsPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try {
            String[] resend = {"deliver", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir.toString(),
                "--period", "2024-05", "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(smtpsPort), "--smtp-security", "smtps",
                "--smtp-trust", "127.0.0.1", "--from", "invoices@other.example", "--resend-uncertain"};
            assertThat(run(resend)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("1 sent, 4 sent before, 1 without an e-mail in customers.csv, 0 failed, 0 uncertain");
            assertThat(smtps.getReceivedMessages()).hasSize(1);
            // the id of the first try, even though the sender's address is another now
            assertThat(smtps.getReceivedMessages()[0].getMessageID()).isEqualTo("<" + invoiceNo + "@example.kz>");
        } finally {
            smtps.stop();
        }
    }
}
