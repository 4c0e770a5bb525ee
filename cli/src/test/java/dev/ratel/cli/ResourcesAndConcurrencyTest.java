package dev.ratel.cli;

import static dev.ratel.cli.RatelChild.copyTree;
import static dev.ratel.cli.RatelChild.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code ratel} processes starved of disk, denied their output directory, and run two at once
 * on one home or one shared PostgreSQL job repository: each fails cleanly (the contract's exit code,
 * nothing half-published), and a rerun completes with the files of an undisturbed close.
 */
@Tag("slow")
class ResourcesAndConcurrencyTest {
    private static final String TARIFFS = "../samples/tariffs";
    private static final int ACCOUNTS = 300;
    private static final List<String> CSVS = List.of("invoices.csv", "invoice-lines.csv", "allowances-expired.csv");

    @TempDir
    static Path shared;
    /** A home with May 2024 ingested and rated, copied by each test. */
    static Path rated;
    /** What an undisturbed close of that home writes. */
    static Path calmOut;

    @TempDir
    Path dir;

    @BeforeAll
    static void rateAMonthAndCloseItUndisturbed() throws Exception {
        new Generator(new GeneratorSettings(shared.resolve("data"), ACCOUNTS, 30_000, YearMonth.of(2024, 5), 0, 41, false, false,
                0.0, 0.0, 0.0)).generate();
        rated = shared.resolve("rated");
        new Ingest(IngestSettings.defaults(rated, CdrFormat.CANONICAL, null)
                .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC)))
                .run(List.of(shared.resolve("data/cdr")), null, n -> { });
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(TARIFFS));
        new RateRun(rated, plans, new ReferenceDataLoader(plans).load(shared.resolve("data/reference")),
                dev.ratel.core.money.ExchangeRates.none()).run(n -> { });
        Path calm = shared.resolve("calm");
        copyTree(rated, calm);
        calmOut = shared.resolve("calm-out");
        Process close = closeMonth(calm, calmOut);
        assertThat(close.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(close.exitValue()).as(output(close)).isZero();
    }

    @Test
    void shouldFailWithExitOneOnAFullDiskPublishNothingHalfWrittenAndCompleteOnceSpaceIsFreed() throws Exception {
        Path home = copyOfTheRatedHome();
        Path disk = Files.createDirectories(dir.resolve("disk"));
        // a real file system of its own, far smaller than the close's files: writes fail with ENOSPC
        long calmBytes = bytesUnder(calmOut);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + (calmBytes / 3 / 1024) + "k", "tmpfs", disk.toString()) == 0,
                "mounting a small tmpfs needs root with CAP_SYS_ADMIN; not available here");
        try {
            Path out = disk.resolve("out");
            Process full = closeMonth(home, out);
            assertThat(full.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String said = output(full);
            assertThat(full.exitValue()).as(said).isEqualTo(1);
            assertThat(said).contains("No space left on device");
            assertNothingHalfWritten(out);

            assertThat(run("mount", "-o", "remount,size=" + (calmBytes * 3 / 1024) + "k", disk.toString())).isZero();
            Process freed = closeMonth(home, out);
            assertThat(freed.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(freed.exitValue()).as(output(freed)).isZero();
            assertSameAsTheCalmClose(out);
        } finally {
            run("umount", disk.toString());
        }
    }

    @Test
    void shouldStopCleanlyWhenTheHomesDiskFillsAndBillExactlyAsAnUndisturbedRunOnceSpaceIsFreed() throws Exception {
        // issue #19: a home on a device that fills during ingest used to die of SIGBUS with a torn journal, then bill a
        // NUL record and lose genuine ones. Now the run checks the space before each write and stops with exit 1
        // and what to do; run again after freeing space, it bills exactly what an undisturbed run bills.
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("header-only.csv"), "record_id,source,service,direction,subscriber,other_party,start_time,"
                + "duration_s,volume_bytes,sms_chars,sms_encoding\n");
        Path calmHome = dir.resolve("calm-home");
        assertThat(runCommand("ingest", "--home", calmHome.toString(), "--cdr", empty.toString())).isZero();
        assertThat(runCommand(billRun(calmHome, dir.resolve("calm-out")))).isZero();

        Path disk = Files.createDirectories(dir.resolve("disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=128m", "tmpfs", disk.toString()) == 0,
                "mounting a small tmpfs needs root with CAP_SYS_ADMIN; not available here");
        try {
            Path home = disk.resolve("home");
            assertThat(runCommand("ingest", "--home", home.toString(), "--cdr", empty.toString())).isZero(); // the index is made
            // leave the margin the journals keep and a megabyte and a half: the month's journal needs more
            Path filler = disk.resolve("filler");
            long free = Files.getFileStore(disk).getUsableSpace();
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(filler.toFile(), "rw")) {
                byte[] block = new byte[1 << 20];
                for (long left = free - dev.ratel.core.state.DiskSpace.MARGIN_BYTES - (3L << 19); left > 0; left -= block.length) {
                    file.write(block, 0, (int) Math.min(block.length, left));
                }
            }
            Process full = RatelChild.start("256m", billRun(home, dir.resolve("out")));
            assertThat(full.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String said = output(full);
            assertThat(full.exitValue()).as(said).isEqualTo(1);
            assertThat(said).contains("no space left on tmpfs for " + home).doesNotContain("InternalError").doesNotContain("\tat ");

            Files.delete(filler);
            Process freed = RatelChild.start("256m", billRun(home, dir.resolve("out")));
            assertThat(freed.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(freed.exitValue()).as(output(freed)).isZero();
            for (String file : List.of("invoices.csv", "invoice-lines.csv", "allowances-expired.csv")) {
                assertThat(Files.readAllBytes(dir.resolve("out/2024-05").resolve(file))).as(file)
                        .isEqualTo(Files.readAllBytes(dir.resolve("calm-out/2024-05").resolve(file)));
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    private static String[] billRun(Path home, Path out) {
        return new String[] {"run", "--period", "2024-05", "--home", home.toString(), "--tariffs", TARIFFS, "--reference",
            shared.resolve("data/reference").toString(), "--cdr", shared.resolve("data/cdr").toString(), "--out", out.toString()};
    }

    private static int runCommand(String... args) throws Exception {
        Process child = RatelChild.start("256m", args);
        String said = output(child);
        int exit = child.waitFor();
        assertThat(exit).as(said).isZero();
        return exit;
    }

    @Test
    void shouldRefuseAnOutputDirectoryThatCannotBeMadeBeforeAnyWorkAndCompleteOnAWritableOne() throws Exception {
        Path home = copyOfTheRatedHome();
        // a regular file where a directory must go: refused to root as well, unlike a permission bit
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
        Process refused = closeMonth(home, notADirectory.resolve("out"));
        assertThat(refused.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String said = output(refused);
        // found before any step: a configuration problem (exit 2), with the path and what to do
        assertThat(refused.exitValue()).as(said).isEqualTo(ExitCodes.BAD_CONFIGURATION);
        assertThat(said).contains("--out " + notADirectory.resolve("out") + " cannot be made").contains("name a directory");
        try (dev.ratel.jobs.batch.JobStore store = dev.ratel.jobs.batch.JobStore.openReadOnly(home, null, null, null)) {
            assertThat(store == null ? List.of() : store.repository().findJobInstances("close-month")).as("close-month jobs started").isEmpty();
        }

        Path out = dir.resolve("out");
        Process writable = closeMonth(home, out);
        assertThat(writable.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(writable.exitValue()).as(output(writable)).isZero();
        assertSameAsTheCalmClose(out);
    }

    @Test
    void shouldKeepEveryFileOfAnOperatorWithUmask077ToThatOperator() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "permissions are POSIX modes");
        Path demo = dir.resolve("private-demo");
        // the whole pipeline: home, journals, H2, Parquet through Hadoop, invoices as PDF, XLSX and CSV
        Process child = RatelChild.startWithUmask("077", "512m", "demo", "--dir", demo.toString(), "--tariffs", TARIFFS,
                "--accounts", "30", "--cdrs", "3000");
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String said = output(child);
        assertThat(child.exitValue()).as(said).isZero();
        List<String> readableByOthers;
        try (Stream<Path> files = Files.walk(demo)) {
            readableByOthers = files.filter(p -> {
                try {
                    String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    return !mode.endsWith("------");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> demo.relativize(p) + " " + modeOf(p)).toList();
        }
        assertThat(readableByOthers).isEmpty();
        try (Stream<Path> files = Files.walk(demo)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".parquet")).anyMatch(n -> n.endsWith(".pdf"));
        }
        assertThat(modeOf(demo.resolve("home"))).isEqualTo("rwx------");
    }

    private static String modeOf(Path path) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldRefuseASecondRunOnAHomeAnotherProcessIsClosing() throws Exception {
        Path home = copyOfTheRatedHome();
        Process closing = closeMonth(home, dir.resolve("out"));
        long holder = closing.pid();
        waitUntil(() -> Files.exists(home.resolve("ratel.lock"))
                && Files.readString(home.resolve("ratel.lock")).trim().equals(Long.toString(holder)), closing);

        Process rate = RatelChild.start("256m", "rate", "--home", home.toString(), "--tariffs", TARIFFS,
                "--reference", shared.resolve("data/reference").toString());
        assertThat(rate.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String said = output(rate);
        assertThat(closing.isAlive()).as("the close still runs when the second run gives up").isTrue();
        assertThat(rate.exitValue()).as(said).isEqualTo(2);
        assertThat(said).contains("is in use by another ratel run (pid " + holder + ")");

        assertThat(closing.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(closing.exitValue()).as(output(closing)).isZero();
        assertSameAsTheCalmClose(dir.resolve("out"));
    }

    @Test
    void shouldRunOneCloseOfAPeriodAtATimeAgainstASharedPostgreSqlJobRepository() throws Exception {
        // two machines' homes (copies of one) closing May against one job repository and invoice store
        Path first = copyOfTheRatedHome();
        Path second = dir.resolve("second");
        copyTree(rated, second);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Process closing = closeMonth(first, dir.resolve("out-1"), "--jdbc-url", url, "--jdbc-user", "postgres");
            waitUntil(() -> count(postgres, "SELECT count(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'") == 1, closing);

            Process again = closeMonth(second, dir.resolve("out-2"), "--jdbc-url", url, "--jdbc-user", "postgres");
            assertThat(again.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String said = output(again);
            assertThat(closing.isAlive()).as("the first close still runs when the second gives up").isTrue();
            assertThat(again.exitValue()).as(said).isEqualTo(2);
            assertThat(said).contains("close-month period=2024-05 is already running in pid " + closing.pid());
            assertThat(closing.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(closing.exitValue()).as(output(closing)).isZero();

            // the period is closed once: run again from the first home, the close renders the invoices it issued;
            // from the second, it says that another home closed the period rather than publish it without the expiry
            Process republished = closeMonth(first, dir.resolve("out-again"), "--jdbc-url", url, "--jdbc-user", "postgres");
            assertThat(republished.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(republished.exitValue()).as(output(republished)).isZero();
            Process elsewhere = closeMonth(second, dir.resolve("out-2"), "--jdbc-url", url, "--jdbc-user", "postgres");
            assertThat(elsewhere.waitFor(5, TimeUnit.MINUTES)).isTrue();
            String told = output(elsewhere);
            assertThat(elsewhere.exitValue()).as(told).isEqualTo(1);
            assertThat(told).contains("period 2024-05 was closed from another home");
            assertThat(count(postgres, "SELECT count(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'close-month'")).isEqualTo(1);
            assertThat(count(postgres, "SELECT count(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                    + " ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'close-month'")).isEqualTo(1);
            assertThat(count(postgres, "SELECT count(*) FROM RATEL_INVOICE")).isEqualTo(ACCOUNTS);
            for (String file : CSVS) {
                assertThat(Files.readAllBytes(dir.resolve("out-again/2024-05").resolve(file))).as(file)
                        .isEqualTo(Files.readAllBytes(dir.resolve("out-1/2024-05").resolve(file)));
            }
            assertSameAsTheCalmClose(dir.resolve("out-1"));
        }
    }

    private Path copyOfTheRatedHome() throws IOException {
        Path home = dir.resolve("home");
        copyTree(rated, home);
        return home;
    }

    private static Process closeMonth(Path home, Path out, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("close-month", "--period", "2024-05", "--home", home.toString(),
                "--tariffs", TARIFFS, "--reference", shared.resolve("data/reference").toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return RatelChild.start("256m", args.toArray(new String[0]));
    }

    /** The period's CSVs byte for byte as the undisturbed close wrote them, and a PDF per account. */
    private static void assertSameAsTheCalmClose(Path out) throws IOException {
        for (String file : CSVS) {
            assertThat(Files.readAllBytes(out.resolve("2024-05").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(calmOut.resolve("2024-05").resolve(file)));
        }
        try (Stream<Path> pdfs = Files.list(out.resolve("2024-05/invoices"))) {
            assertThat(pdfs.filter(p -> p.toString().endsWith(".pdf")).count()).isEqualTo(ACCOUNTS);
        }
    }

    /** No temporary file left behind, and every file that looks final is whole. */
    private static void assertNothingHalfWritten(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                assertThat(name).as("a temporary file left behind").doesNotEndWith(".tmp");
                byte[] bytes = Files.readAllBytes(file);
                if (name.endsWith(".pdf")) {
                    assertThat(new String(bytes, bytes.length - 8, 8, StandardCharsets.ISO_8859_1)).as(file.toString()).contains("%%EOF");
                } else if (name.endsWith(".parquet")) {
                    assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.ISO_8859_1)).as(file.toString()).isEqualTo("PAR1");
                } else if (name.endsWith(".csv")) {
                    assertThat(bytes[bytes.length - 1]).as(file + " ends its last line").isEqualTo((byte) '\n');
                }
            }
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private static long count(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } catch (java.sql.SQLException tablesNotYetMade) {
                return 0;
            }
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds while the process runs. */
    private static void waitUntil(Condition condition, Process running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds()) {
            assertThat(running.isAlive()).as("the first run ended before the second could start").isTrue();
            assertThat(System.nanoTime()).as("waited two minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
