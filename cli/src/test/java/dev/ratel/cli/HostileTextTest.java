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
        assertThat(run("numbers", "--home", dir.resolve("home").toString(), "--at", "2024-06-30", "--tariffs", TARIFFS,
                "--reference", reference().toString(), "--out", report.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(report)).containsExactly(
                "number,account_id,customer_name,plan_id,kind,status,payment_method,balance,currency",
                "74951000001,A1,'=cmd|'/C calc'!A0,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB",
                "74951000002,A2,'=4+4,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB",
                "74951000003,A3,ООО «Ромашка»,prostoy-prosto,SIP,ACTIVE,CREDIT,0.00,RUB");
    }
}
