package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ratel deliver} when the server says no (issue #21, the paths the review found untested): a server that refuses
 * a recipient for a while (451) is tried again and the message goes; one that refuses for good (550) leaves the invoice
 * FAILED, to be sent by a later run; one that takes the message but never answers leaves it SENDING, and no later run
 * sends it unless asked. The server here speaks SMTP over a real socket, scripted per recipient.
 */
class DeliverFailuresTest {
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

    /** An SMTP server answering each recipient as scripted: "451x2" refuses twice for now, "550" for good, "silent" takes the data and never answers. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        final Map<String, String> script;
        final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        final AtomicInteger delivered = new AtomicInteger();
        final Thread thread = new Thread(this::serve, "scripted-smtp");

        ScriptedServer(Map<String, String> script) throws Exception {
            this.script = script;
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    converse(client);
                } catch (Exception closed) {
                    // the test ended the connection or the server
                }
            }
        }

        private void converse(Socket client) throws Exception {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Writer reply = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8);
            say(reply, "220 scripted ESMTP");
            String recipient = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    say(reply, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    say(reply, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    String plan = script.getOrDefault(recipient, "accept");
                    int refused = refusals.computeIfAbsent(recipient, r -> new AtomicInteger()).get();
                    if (plan.equals("451x2") && refused < 2) {
                        refusals.get(recipient).incrementAndGet();
                        say(reply, "451 4.3.0 mailbox busy, try later");
                    } else if (plan.equals("550")) {
                        say(reply, "550 5.1.1 no such user here");
                    } else {
                        say(reply, "250 2.1.5 ok");
                    }
                } else if (command.startsWith("DATA")) {
                    say(reply, "354 go ahead");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message
                    }
                    if ("silent".equals(script.get(recipient))) {
                        Thread.sleep(5_000); // took it, and never says so within the client's timeout
                        return;
                    }
                    delivered.incrementAndGet();
                    say(reply, "250 2.0.0 queued");
                } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
                    say(reply, "250 ok");
                } else if (command.startsWith("QUIT")) {
                    say(reply, "221 bye");
                    return;
                } else {
                    say(reply, "502 5.5.2 not implemented");
                }
            }
        }

        private static void say(Writer reply, String text) throws Exception {
            reply.write(text + "\r\n");
            reply.flush();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void shouldRetryARefusalForNowFailARefusalForGoodAndNeverResendAnUnansweredMessage() throws Exception {
        String data = dir.resolve("data").toString();
        String home = dir.resolve("home").toString();
        String outDir = dir.resolve("out").toString();
        assertThat(run("generate", "--out", data, "--accounts", "3", "--cdrs", "300", "--seed", "8")).as(err.toString()).isZero();
        assertThat(run("ingest", "--home", home, "--cdr", data + "/cdr")).isZero();
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference")).isZero();
        assertThat(run("close-month", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir,
                "--period", "2024-05")).as(err.toString()).isZero();
        Map<String, String> script = Map.of(
                address(data, "A000001"), "451x2",
                address(data, "A000002"), "550",
                address(data, "A000003"), "silent");
        try (ScriptedServer server = new ScriptedServer(script)) {
            int code = run("deliver", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir,
                    "--period", "2024-05", "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(server.port()), "--smtp-security", "none",
                    "--smtp-timeout", "2", "--from", "billing@example.kz");
            assertThat(code).isEqualTo(ExitCodes.JOB_FAILED);
            // A000001: refused twice for now, taken on the third try; A000002: refused for good; A000003: went out, no answer
            assertThat(out.toString()).contains("2024-05: 1 sent, 0 sent before, 0 without an e-mail in customers.csv, 1 failed, 1 uncertain");
            assertThat(server.refusals.get(address(data, "A000001")).get()).isEqualTo(2);
            assertThat(server.delivered.get()).isEqualTo(1);
            assertThat(err.toString()).contains("550 5.1.1 no such user here").contains("no answer after sending, it may have been delivered");
        }

        // the next run, through a server that takes everything: the refused one goes, the sent one and the unanswered one do not
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            int code = run("deliver", "--home", home, "--tariffs", TARIFFS, "--reference", data + "/reference", "--out", outDir,
                    "--period", "2024-05", "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(port), "--smtp-security", "none",
                    "--from", "billing@example.kz");
            assertThat(code).isEqualTo(ExitCodes.JOB_FAILED);
            assertThat(out.toString()).contains("2024-05: 1 sent, 1 sent before, 0 without an e-mail in customers.csv, 0 failed, 1 uncertain");
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(address(data, "A000002"));
        } finally {
            smtp.stop();
        }
    }

    /** The account's e-mail as ratel generate wrote it into customers.csv. */
    private static String address(String data, String account) throws Exception {
        for (String row : java.nio.file.Files.readAllLines(Path.of(data, "reference", "customers.csv"))) {
            if (row.startsWith(account + ",")) {
                java.util.regex.Matcher email = java.util.regex.Pattern.compile("buh@[^,]+").matcher(row);
                assertThat(email.find()).isTrue();
                return email.group();
            }
        }
        throw new AssertionError("no customers.csv row for " + account);
    }
}
