package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the {@code ratel} command in-process, as a shell would, and checks output and exit codes. */
class CliTest {
    private static final String TARIFFS = "../samples/tariffs";
    private static final String REFERENCE = "../samples/reference";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** "Today" for the commands that ask: the end of 2024, after the demo's May. */
    private static final java.time.Clock END_OF_2024 = java.time.Clock.fixed(java.time.Instant.parse("2024-12-31T12:00:00Z"),
            java.time.ZoneOffset.UTC);

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine(END_OF_2024);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void shouldValidateTheSampleTariffs() {
        assertThat(run("tariffs", "validate", TARIFFS)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("ok  kense-15").contains("10 plan(s) valid");
    }

    @Test
    void shouldExitTwoWithFileAndLineForABrokenCopy(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(TARIFFS))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Path kense = dir.resolve("kense-15.yaml");
        Files.writeString(kense, Files.readString(kense).replace("        then: throttle", "        then: throttel"));
        assertThat(run("tariffs", "validate", dir.toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains(kense + ":").contains("unknown then 'throttel'").contains("nothing was loaded");
        int line = lineOf(kense, "then: throttel");
        assertThat(err.toString()).contains(kense + ":" + line + ":");
    }

    private static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void shouldGenerateDataWhoseReferenceValidatesAndWhoseCdrsIngest(@TempDir Path dir) {
        assertThat(run("generate", "--out", dir.resolve("data").toString(), "--accounts", "40", "--cdrs", "5000", "--seed", "3"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("40 accounts").contains("5000 CDRs");
        assertThat(run("reference", "validate", "--reference", dir.resolve("data/reference").toString(), "--tariffs", TARIFFS))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("ok  40 accounts");
        assertThat(run("ingest", "--home", dir.resolve("home").toString(), "--cdr", dir.resolve("data/cdr").toString(), "--json"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("\\{\"run\":1,\"read\":\\d+,\"accepted\":\\d+");
        // Exit 3 when rejects exceed the ratio: the generator's default 0.1 % malformed lines exceed 0.0001 %.
        assertThat(run("ingest", "--home", dir.resolve("home2").toString(), "--cdr", dir.resolve("data/cdr").toString(),
                "--max-reject-ratio", "0.000001")).isEqualTo(ExitCodes.TOO_MANY_REJECTS);
        // Bad command lines and unreadable inputs exit 2 with one line.
        assertThat(run("ingest", "--home", dir.resolve("home3").toString(), "--cdr", "/no/such/dir")).isEqualTo(2);
        assertThat(err.toString()).contains("no such CDR file or directory");
        assertThat(run("ingest", "--home", dir.resolve("home3").toString(), "--format", "asterisk", "--cdr", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--zone is required with --format asterisk");
        assertThat(run("generate", "--out", dir.toString(), "--period", "May")).isEqualTo(2);
    }

    /** A FreeSWITCH mod_cdr_csv file ingested as its switch's records: answered calls in, the unanswered one rejected. */
    @Test
    void shouldIngestFreeswitchCdrCsv(@TempDir Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("fs/Master.csv");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, String.join("\n",
                "\"\",\"+77272501234\",\"77010000001\",\"public\",\"2024-05-17 10:15:00\",\"2024-05-17 10:15:04\",\"2024-05-17 10:16:04\",\"64\",\"60\",\"NORMAL_CLEARING\",\"u-1\",\"\",\"\",\"PCMA\",\"PCMA\"",
                "\"\",\"2501234\",\"87011234567\",\"default\",\"2024-05-17 11:00:00\",\"2024-05-17 11:00:10\",\"2024-05-17 11:02:10\",\"130\",\"120\",\"NORMAL_CLEARING\",\"u-2\",\"\",\"\",\"PCMA\",\"PCMA\"",
                "\"\",\"2501234\",\"87011234567\",\"default\",\"2024-05-17 11:05:00\",\"\",\"2024-05-17 11:05:30\",\"30\",\"0\",\"NO_ANSWER\",\"u-3\",\"\",\"\",\"PCMA\",\"PCMA\"") + "\n");
        String home = dir.resolve("fs-home").toString();
        assertThat(run("ingest", "--home", home, "--format", "freeswitch", "--cdr", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--zone is required with --format freeswitch");
        assertThat(run("ingest", "--home", home, "--format", "freeswitch", "--zone", "Asia/Almaty", "--local-prefix", "7727",
                "--cdr", file.toString(), "--json")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"read\":3,\"accepted\":2,\"rejected\":1");
        // the same file again: the switch's uuids are its records' ids, nothing counts twice
        assertThat(run("ingest", "--home", home, "--format", "freeswitch", "--zone", "Asia/Almaty", "--local-prefix", "7727",
                "--cdr", file.toString(), "--json")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"read\":3,\"accepted\":0,\"rejected\":1,\"duplicates\":2");
    }

    @Test
    void shouldIngestAGzippedTs32297FileOfAnMsc(@TempDir Path dir) throws Exception {
        // one answered MO call (TS 32.298 moCallRecord [0]) and one SGW record [78], DER-encoded by Bouncy Castle
        byte[] call = new org.bouncycastle.asn1.DERTaggedObject(false, 0, new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.ASN1Encodable[] {
            tagged(0, new org.bouncycastle.asn1.ASN1Integer(1)),               // recordType
            tagged(3, octets("917710214365f7")),                                // servedMSISDN 77011234567
            tagged(5, octets("817872521032f4")),                           // calledNumber 8 727 250 12 34
            tagged(9, octets("917710000000f1")),                                // recordingEntity
            tagged(23, octets("2405171015002b0600")),                           // answerTime 2024-05-17 10:15:00 +0600
            tagged(25, new org.bouncycastle.asn1.ASN1Integer(60)),             // callDuration
            tagged(32, octets("0102"))})).getEncoded("DER");                    // callReference
        byte[] sgw = new org.bouncycastle.asn1.DERTaggedObject(false, 78, new org.bouncycastle.asn1.DERSet(
                tagged(0, new org.bouncycastle.asn1.ASN1Integer(84)))).getEncoded("DER");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out32297 = new java.io.DataOutputStream(file);
        out32297.writeInt(52 + 8 + call.length + sgw.length); // file length
        out32297.writeInt(52);                                  // header length
        out32297.write(new byte[40]);                           // release, timestamps, counts, reason, node address, lost CDRs
        out32297.writeShort(0);                                 // routing filter: none
        out32297.writeShort(0);                                 // private extension: none
        for (byte[] record : List.of(call, sgw)) {
            out32297.writeShort(record.length);
            out32297.writeByte(0xC0);                           // release / version
            out32297.writeByte(0x26);                           // BER, TS 32.250
            out32297.write(record);
        }
        Path cdr = dir.resolve("msc/cdr-0001.dat.gz");
        Files.createDirectories(cdr.getParent());
        try (java.io.OutputStream gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(cdr))) {
            gzip.write(file.toByteArray());
        }
        String home = dir.resolve("ber-home").toString();
        assertThat(run("ingest", "--home", home, "--format", "ber", "--source", "msc-1", "--cdr", cdr.toString(), "--json"))
                .as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"read\":2,\"accepted\":1,\"rejected\":1");
        Path rejects = Files.list(Path.of(home, "reports")).filter(p -> p.getFileName().toString().endsWith("-rejects.csv")).findFirst()
                .orElseThrow();
        assertThat(Files.readString(rejects)).contains("NOT_BILLABLE").contains("an SGW record");
        // the same file again: the call's id (recording entity, call reference) is its own, it is not taken twice
        assertThat(run("ingest", "--home", home, "--format", "ber", "--source", "msc-1", "--cdr", cdr.toString(), "--json"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"read\":2,\"accepted\":0,\"rejected\":1,\"duplicates\":1");
    }

    private static org.bouncycastle.asn1.DERTaggedObject tagged(int tag, org.bouncycastle.asn1.ASN1Encodable value) {
        return new org.bouncycastle.asn1.DERTaggedObject(false, tag, value);
    }

    private static org.bouncycastle.asn1.DEROctetString octets(String hex) {
        return new org.bouncycastle.asn1.DEROctetString(java.util.HexFormat.of().parseHex(hex));
    }

    @Test
    void shouldExplainAnOverageQuote() {
        int code = run("quote", "--tariffs", TARIFFS, "--reference", REFERENCE, "--plan", "kense-15", "--service", "VOICE",
                "--to", "77011234567", "--duration", "125", "--used", "kz-offnet-minutes=11940", "--at", "2024-05-17T10:15");
        assertThat(code).isEqualTo(ExitCodes.OK);
        // 125 s -> 180 s billed; 60 s left of 12 000 drawn; 120 s x 18 KZT / 60 s = 36 KZT.
        assertThat(out.toString())
                .contains("class        kz-mobile-other")
                .contains("rule         VOICE_KZ_OFFNET")
                .contains("usage        125 s, billed 180 s")
                .contains("drawn        60 s from kz-offnet-minutes")
                .contains("charged      120 s")
                .contains("amount       36.00 KZT");
    }

    @Test
    void shouldQuoteSmsPartsAndDataThrottling() {
        run("quote", "--tariffs", TARIFFS, "--plan", "kense-15", "--service", "SMS", "--to", "77011234567", "--chars", "71",
                "--encoding", "UCS2", "--used", "kz-sms=100", "--at", "2024-05-17T10:15");
        assertThat(out.toString()).contains("usage        2 SMS").contains("amount       36.00 KZT");
        run("quote", "--tariffs", TARIFFS, "--plan", "kense-15", "--service", "DATA", "--bytes", "2048",
                "--used", "internet=32212254720", "--at", "2024-05-17T10:15");
        assertThat(out.toString()).contains("charged      2048 bytes free, throttled");
    }

    @Test
    void shouldSayWhenNoRuleRatesTheEvent() {
        run("quote", "--tariffs", TARIFFS, "--plan", "cloud-pbx-basic", "--service", "SMS", "--to", "79161234567",
                "--chars", "10", "--at", "2024-05-17T10:15");
        assertThat(out.toString()).contains("NO_RULE").contains("would go to rejects");
    }

    @Test
    void shouldExitTwoWithOneLineForForeseeableMistakes() {
        assertThat(run("quote", "--tariffs", TARIFFS, "--plan", "nope", "--service", "VOICE", "--to", "7701")).isEqualTo(2);
        assertThat(err.toString()).contains("no plan 'nope'").doesNotContain("Exception");
        assertThat(run("quote", "--tariffs", TARIFFS, "--plan", "kense-15", "--service", "VOICE", "--to", "+7701")).isEqualTo(2);
        assertThat(run("quote", "--tariffs", TARIFFS, "--plan", "kense-15", "--service", "FAX")).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--service'");
        assertThat(run("quote", "--tariffs", TARIFFS, "--plan", "kense-15", "--service", "VOICE", "--to", "7701",
                "--used", "nothing=5")).isEqualTo(2);
        assertThat(err.toString()).contains("has no allowance 'nothing'");
        assertThat(run("tariffs", "validate", "/no/such/dir")).isEqualTo(2);
    }

    @Test
    void shouldRunTheDemoEndToEndAndCloseTheMonthAgainWithTheSameInvoices(@TempDir Path dir) throws IOException {
        Path demo = dir.resolve("demo");
        assertThat(run("demo", "--dir", demo.toString(), "--tariffs", TARIFFS, "--accounts", "30", "--cdrs", "6000")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("generated 30 accounts").contains("2024-05 closed: 30 invoice(s)")
                .contains("kense-15").containsPattern("read (\\d+) = rated \\d+ \\+ rejected \\d+ \\+ duplicates \\d+");
        Path invoices = demo.resolve("out/2024-05/invoices.csv");
        assertThat(Files.readAllLines(invoices)).hasSize(31);
        // every record the run did not rate is in the period's rejects.csv: read = rated + rejected + duplicates
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("rejected (\\d+) \\+ duplicates").matcher(out.toString());
        assertThat(counts.find()).isTrue();
        assertThat(Files.readAllLines(demo.resolve("out/2024-05/rejects.csv"))).hasSize(1 + Integer.parseInt(counts.group(1)));
        // and credit control ran for today after the run
        assertThat(out.toString()).contains("credit control: ");
        assertThat(demo.resolve("out/credit-control-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv")).exists();
        try (Stream<Path> pdfs = Files.list(demo.resolve("out/2024-05/invoices"))) {
            assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(30);
        }
        byte[] issued = Files.readAllBytes(invoices);

        assertThat(run("close-month", "--home", demo.resolve("home").toString(), "--period", "2024-05", "--tariffs", TARIFFS,
                "--reference", demo.resolve("data/reference").toString(), "--out", demo.resolve("out").toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("2024-05 was closed already, files written again: 30 invoice(s)");
        assertThat(Files.readAllBytes(invoices)).isEqualTo(issued);

        // the job repository remembers each run, the close and its re-run
        assertThat(run("history", "--home", demo.resolve("home").toString())).isEqualTo(ExitCodes.OK);
        // the acts are a step of the close: each account's invoice and act, 30 accounts in the buckets of the documents step
        assertThat(out.toString()).containsPattern("#1 bill-run +COMPLETED").containsPattern("#2 close-month +COMPLETED")
                .containsPattern("#3 republish-month +COMPLETED").doesNotContain("period-documents")
                .contains("issue completed read 30 written 30").contains("documents completed read 30 written 30");
        try (Stream<Path> acts = Files.list(demo.resolve("out/2024-05/acts"))) {
            assertThat(acts.filter(p -> p.toString().endsWith(".xlsx")).count()).isEqualTo(30);
        }
        assertThat(demo.resolve("out/2024-05/invoice-register.xlsx")).isNotEmptyFile();
        String number = Files.readAllLines(demo.resolve("data/reference/numbers.csv")).get(1).split(",")[0];
        assertThat(run("balances", "--home", demo.resolve("home").toString(), "--tariffs", TARIFFS, "--reference",
                demo.resolve("data/reference").toString(), "--number", number, "--at", "2024-05-15", "--json")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("{\"number\":\"" + number + "\"").contains("\"valid_to\":\"2024-05-31T23:59:59");
        assertThat(run("balances", "--home", demo.resolve("home").toString(), "--tariffs", TARIFFS, "--reference",
                demo.resolve("data/reference").toString(), "--number", "70000000000")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        // masked like a log line: the one-line message of a failed command goes to cron mail
        assertThat(err.toString()).contains("number 7000*****00 is in no account");

        // finance: credit control a month after the due dates, and a reconciliation act; a year and a month is refused
        String reference = demo.resolve("data/reference").toString();
        assertThat(run("credit-control", "--home", demo.resolve("home").toString(), "--at", "2024-07-31", "--tariffs", TARIFFS,
                "--reference", reference, "--out", demo.resolve("out").toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("on 2024-07-31: \\d+ number\\(s\\) of \\d+ account\\(s\\) to block for debt");
        assertThat(Files.readAllLines(demo.resolve("out/credit-control-2024-07-31.csv")).get(0))
                .isEqualTo("number,status,from,account_id,balance,reason");
        String account = Files.readAllLines(invoices).get(1).split(",")[0];
        assertThat(run("reconcile", "--home", demo.resolve("home").toString(), "--account", account, "--from", "2024-01", "--to", "2024-12",
                "--tariffs", TARIFFS, "--reference", reference, "--out", demo.resolve("out").toString())).isEqualTo(ExitCodes.OK);
        assertThat(demo.resolve("out/reconciliation/" + account + "-2024-01-2024-12.pdf")).isNotEmptyFile();
        assertThat(demo.resolve("out/reconciliation/" + account + "-2024-01-2024-12.xlsx")).isNotEmptyFile();
        assertThat(run("reconcile", "--home", demo.resolve("home").toString(), "--account", account, "--from", "2024-01", "--to", "2025-01",
                "--tariffs", TARIFFS, "--reference", reference, "--out", demo.resolve("out").toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("at most 12 months");

        // the numbers report, a payment history, and call detail refused for May 2024: older than 90 days
        assertThat(run("numbers", "--home", demo.resolve("home").toString(), "--at", "2024-06-30", "--tariffs", TARIFFS,
                "--reference", reference, "--out", demo.resolve("out/numbers.csv").toString())).isEqualTo(ExitCodes.OK);
        List<String> numbersReport = Files.readAllLines(demo.resolve("out/numbers.csv"));
        assertThat(numbersReport.get(0)).isEqualTo("number,account_id,customer_name,plan_id,kind,status,payment_method,balance,currency");
        assertThat(numbersReport).hasSize(Files.readAllLines(demo.resolve("data/reference/numbers.csv")).size());
        assertThat(run("payments", "--home", demo.resolve("home").toString(), "--account", account, "--from", "2024-01-01", "--to", "2024-12-31",
                "--tariffs", TARIFFS, "--reference", reference, "--json")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("{\"account_id\":\"" + account + "\",\"payment_method\":");
        assertThat(run("detail", "--number", number, "--from", "2024-05-01", "--to", "2024-05-31", "--out", demo.resolve("d.pdf").toString(),
                "--usage", demo.resolve("out").toString(), "--tariffs", TARIFFS, "--reference", reference)).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("call detail covers the last 90 days counting today");

        // running the demo again starts afresh in its own directory, and refuses any other
        assertThat(run("demo", "--dir", demo.toString(), "--tariffs", TARIFFS, "--accounts", "5", "--cdrs", "500")).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(invoices)).hasSize(6);
        assertThat(run("demo", "--dir", dir.toString(), "--tariffs", TARIFFS)).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("is not a demo directory");
    }

    @Test
    void shouldRefuseABadPeriodAndMissingInputsOfTheRunBeforeAnyWork(@TempDir Path dir) {
        assertThat(run("run", "--home", dir.resolve("home").toString(), "--tariffs", TARIFFS, "--reference", REFERENCE,
                "--cdr", "/no/such/dir", "--out", dir.resolve("out").toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("no such CDR file or directory: /no/such/dir");
        assertThat(run("close-month", "--home", dir.resolve("home").toString(), "--period", "May", "--tariffs", TARIFFS,
                "--reference", REFERENCE, "--out", dir.resolve("out").toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("--period 'May' is not a period YYYY-MM");
        assertThat(Files.exists(dir.resolve("home"))).isFalse();
    }
    @Test
    void shouldRunEachStageOnItsOwnWithJsonSummariesAndRefuseStagesOutOfOrder(@TempDir Path dir) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String home = dir.resolve("home").toString();
        String data = dir.resolve("data").toString();
        String reference = dir.resolve("data/reference").toString();
        String output = dir.resolve("out").toString();
        assertThat(run("generate", "--out", data, "--accounts", "20", "--cdrs", "3000", "--seed", "5", "--malformed-share", "0",
                "--duplicate-share", "0", "--late-share", "0", "--json")).isEqualTo(ExitCodes.OK);
        var generated = json.readTree(lastLine());
        assertThat(generated.get("accounts").asInt()).isEqualTo(20);
        assertThat(generated.get("cdrs").asInt()).isEqualTo(3000);
        // a stage before its input exists is refused with a line saying which to run first
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", reference)).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("has no journal yet; run 'ratel ingest' first");
        assertThat(run("export", "--home", home, "--tariffs", TARIFFS, "--out", output)).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("has nothing rated yet; run 'ratel rate' first").doesNotContain("\tat dev.ratel");
        assertThat(run("export", "--home", home, "--tariffs", TARIFFS, "--out", output, "--verbose")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("\tat dev.ratel.cli.ExportCommand.call");

        assertThat(run("tariffs", "validate", TARIFFS, "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("valid").asBoolean()).isTrue();
        assertThat(run("reference", "validate", "--reference", reference, "--tariffs", TARIFFS, "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("accounts").asInt()).isEqualTo(20);

        assertThat(run("ingest", "--home", home, "--cdr", dir.resolve("data/cdr").toString(), "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("accepted").asInt()).isEqualTo(3000);
        assertThat(run("rate", "--home", home, "--tariffs", TARIFFS, "--reference", reference, "--json")).isEqualTo(ExitCodes.OK);
        var rated = json.readTree(lastLine());
        assertThat(rated.get("read").asInt()).isEqualTo(3000);
        assertThat(rated.get("rated").asInt() + rated.get("rejected").asInt()).isEqualTo(3000);
        assertThat(run("export", "--home", home, "--tariffs", TARIFFS, "--out", output, "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("rows").asInt()).isEqualTo(rated.get("rated").asInt());

        // acts need a closed period
        assertThat(run("acts", "--home", home, "--period", "2024-05", "--tariffs", TARIFFS, "--reference", reference, "--out", output))
                .isEqualTo(ExitCodes.BAD_CONFIGURATION);
        // an output directory that cannot be written (a file stands where the period's directory goes): the close
        // fails with exit 1 and publishes nothing; once the way is clear, running it again completes it
        Files.createDirectories(dir.resolve("out"));
        Files.writeString(dir.resolve("out/2024-05"), "in the way");
        err.getBuffer().setLength(0);
        assertThat(run("close-month", "--home", home, "--period", "2024-05", "--tariffs", TARIFFS, "--reference", reference,
                "--out", output)).isEqualTo(ExitCodes.JOB_FAILED);
        assertThat(err.toString()).contains("ratel: ").doesNotContain("\tat ");
        assertThat(dir.resolve("out/2024-05")).isRegularFile();
        Files.delete(dir.resolve("out/2024-05"));
        assertThat(run("close-month", "--home", home, "--period", "2024-05", "--tariffs", TARIFFS, "--reference", reference,
                "--out", output, "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("invoices").asInt()).isEqualTo(20);
        assertThat(run("acts", "--home", home, "--period", "2024-05", "--tariffs", TARIFFS, "--reference", reference, "--out", output,
                "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("acts").asInt()).isEqualTo(20);
        try (Stream<Path> acts = Files.list(dir.resolve("out/2024-05/acts"))) {
            assertThat(acts.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(20);
        }
        assertThat(run("register", "--home", home, "--from", "2024-01", "--to", "2024-06", "--tariffs", TARIFFS, "--reference", reference,
                "--out", dir.resolve("register.xlsx").toString(), "--json")).isEqualTo(ExitCodes.OK);
        assertThat(json.readTree(lastLine()).get("invoices").asInt()).isEqualTo(20);
        assertThat(dir.resolve("register.xlsx")).isNotEmptyFile();
        assertThat(run("register", "--home", home, "--from", "2024-06", "--to", "2024-01", "--tariffs", TARIFFS, "--reference", reference,
                "--out", dir.resolve("register.xlsx").toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("--to 2024-01 is before --from 2024-06");

        assertThat(run("quote", "--tariffs", TARIFFS, "--reference", reference, "--plan", "kense-15", "--service", "VOICE", "--to", "79161234567",
                "--duration", "61", "--at", "2024-05-17T10:15", "--json")).isEqualTo(ExitCodes.OK);
        var quote = json.readTree(lastLine());
        assertThat(quote.get("outcome").asText()).isEqualTo("RATED");
        assertThat(quote.get("billed_units").asInt()).isEqualTo(120);
    }

    @Test
    void shouldBenchAgainstTheSqlBaselineAndReportEqualTotals(@TempDir Path dir) throws IOException {
        assertThat(run("bench", "--cdrs", "5000", "--numbers", "50", "--dir", dir.toString(), "--json")).isEqualTo(ExitCodes.OK);
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lastLine());
        assertThat(report.get("totals_equal").asBoolean()).isTrue();
        assertThat(report.get("cdrs").asLong()).isEqualTo(5000);
        assertThat(report.get("cdrs_per_second").asLong()).isPositive();
        assertThat(report.get("baseline_cdrs_per_second").asLong()).isPositive();
        assertThat(report.get("class_data_archive").isBoolean()).isTrue();
        assertThat(report.get("peak_heap_bytes").asLong()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory()); // the heap's use at one moment, not the pools' peaks summed
        assertThat(report.get("peak_live_heap_bytes").asLong()).isLessThanOrEqualTo(report.get("peak_heap_bytes").asLong());
        assertThat(run("bench", "--cdrs", "0", "--dir", dir.toString())).isEqualTo(ExitCodes.BAD_CONFIGURATION);
    }

    @Test
    void shouldPrintHelpAndACompletionScript() {
        assertThat(run("help", "run")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: ratel run").contains("Examples:");
        assertThat(run("generate-completion")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("complete -F _complete_ratel");
        assertThat(run("no-such-command")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("Unmatched argument");
    }

    @Test
    void shouldFormatEverySubcommandsHelpWithoutPicocliWarnings() {
        // Picocli formats descriptions with String.format: a bare "%" there (as "70 % full" once was)
        // prints a warning on standard error for every --help and leaves %n unexpanded.
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            java.util.Deque<CommandLine> commands = new java.util.ArrayDeque<>(List.of(RatelCommand.commandLine()));
            while (!commands.isEmpty()) {
                CommandLine command = commands.pop();
                assertThat(command.getUsageMessage()).as(command.getCommandSpec().qualifiedName()).contains("Usage: ");
                commands.addAll(command.getSubcommands().values());
            }
        } finally {
            System.setErr(previous);
        }
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(RatelCommand.commandLine().getSubcommands().get("ingest").getUsageMessage()).contains("70% full");
    }

    private String lastLine() {
        String[] lines = out.toString().strip().split("\\R");
        out.getBuffer().setLength(0);
        return lines[lines.length - 1];
    }
}
