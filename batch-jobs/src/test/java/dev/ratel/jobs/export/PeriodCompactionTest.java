package dev.ratel.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.journal.RatedUsageParquet;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.generate.Generator;
import dev.ratel.jobs.generate.GeneratorSettings;
import dev.ratel.jobs.home.HomeLayout;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month exported in two runs (each day's records split between them) leaves two files a day; compacting
 * leaves one, with the same rows, and a compaction killed between its steps is finished by the next run.
 */
class PeriodCompactionTest {
    private static final YearMonth MAY = YearMonth.of(2024, 5);

    @TempDir
    Path dir;

    private Path home;
    private Path out;
    private Map<String, TariffPlan> plans;

    @BeforeEach
    void exportAMonthInTwoRuns() throws Exception {
        Path data = dir.resolve("data");
        new Generator(new GeneratorSettings(data, 40, 6_000, MAY, 0, 7, false, false, 0.0, 0.0, 0.0)).generate();
        plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
        ReferenceData reference = new ReferenceDataLoader(plans).load(data.resolve("reference"));
        home = dir.resolve("home");
        out = dir.resolve("out");
        // each day's file in two halves, taken by two nights
        Path first = Files.createDirectories(dir.resolve("first"));
        Path second = Files.createDirectories(dir.resolve("second"));
        try (Stream<Path> days = Files.list(data.resolve("cdr"))) {
            for (Path day : days.sorted().toList()) {
                List<String> lines = Files.readAllLines(day, StandardCharsets.UTF_8);
                int half = 1 + (lines.size() - 1) / 2;
                Files.write(first.resolve(day.getFileName()), lines.subList(0, half), StandardCharsets.UTF_8);
                List<String> rest = new java.util.ArrayList<>(List.of(lines.get(0)));
                rest.addAll(lines.subList(half, lines.size()));
                Files.write(second.resolve(day.getFileName()), rest, StandardCharsets.UTF_8);
            }
        }
        for (Path night : List.of(first, second)) {
            new Ingest(IngestSettings.defaults(home, CdrFormat.CANONICAL, null)
                    .withClock(Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC))).run(List.of(night), null, n -> { });
            new RateRun(home, plans, reference, ExchangeRatesCsv.read(data.resolve("reference/exchange-rates.csv"))).run(n -> { });
            new Export(home, out.toUri().toString(), plans).run();
        }
    }

    @Test
    void shouldLeaveOneFileADayWithTheSameRows() throws Exception {
        String before = digest();
        assertThat(filesPerDay()).allSatisfy((day, files) -> assertThat(files).as(day).isEqualTo(2));
        int days = filesPerDay().size();

        int replaced = new Export(home, out.toUri().toString(), plans).compact(MAY);

        assertThat(replaced).isEqualTo(2 * days);
        assertThat(filesPerDay()).hasSize(days).allSatisfy((day, files) -> assertThat(files).as(day).isEqualTo(1));
        assertThat(digest()).isEqualTo(before);
        assertThat(HomeLayout.exportCompaction(home)).doesNotExist();
        // compacting again changes nothing
        assertThat(new Export(home, out.toUri().toString(), plans).compact(MAY)).isZero();
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void shouldFinishACompactionKilledBeforeItsFileWasRenamed() throws Exception {
        String before = digest();
        assertThatThrownBy(() -> compactWith(failing(".compact-", "rename"))).hasMessageContaining("killed");
        // the intent is kept and the new file hidden: readers still see the two files a day
        assertThat(HomeLayout.exportCompaction(home)).exists();
        assertThat(digest()).isEqualTo(before);

        new Export(home, out.toUri().toString(), plans).run(); // any export finishes it first
        assertThat(HomeLayout.exportCompaction(home)).doesNotExist();
        assertThat(digest()).isEqualTo(before);
        assertThat(new Export(home, out.toUri().toString(), plans).compact(MAY)).isPositive(); // the other days
        assertThat(filesPerDay()).allSatisfy((day, files) -> assertThat(files).as(day).isEqualTo(1));
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void shouldFinishACompactionKilledWhileDeletingTheFilesItReplaced() throws Exception {
        String before = digest();
        assertThatThrownBy(() -> compactWith(failing("part-", "delete"))).hasMessageContaining("killed");
        assertThat(HomeLayout.exportCompaction(home)).exists();
        // an export to another place cannot finish it (neither file is there) and must not drop it: the rows would stay twice here
        String elsewhere = dir.resolve("elsewhere").toUri().toString();
        assertThatThrownBy(() -> new Export(home, elsewhere, plans).run()).hasMessageContaining("a compaction of file:")
                .hasMessageContaining("/out/rated was interrupted and is not finished; export once more to that place (--out), then to file:")
                .hasMessageContaining("/elsewhere/rated");
        assertThat(HomeLayout.exportCompaction(home)).exists();

        assertThat(new Export(home, out.toUri().toString(), plans).compact(MAY)).isPositive();
        assertThat(HomeLayout.exportCompaction(home)).doesNotExist();
        assertThat(filesPerDay()).allSatisfy((day, files) -> assertThat(files).as(day).isEqualTo(1));
        assertThat(digest()).isEqualTo(before);
    }

    private void compactWith(FileSystem fs) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out.toUri().toString(), "rated");
        new PeriodCompaction(home, fs, root, RatedUsageParquet.configuration(root)).compact(MAY, Long.MAX_VALUE);
    }

    /** The local file system, with the first {@code operation} on a file whose name starts with {@code prefix} failing as a kill would stop it. */
    private FileSystem failing(String prefix, String operation) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out.toUri().toString(), "rated");
        FileSystem local = RatedUsageParquet.fileSystem(root, RatedUsageParquet.configuration(root));
        return new FilterFileSystem(local) {
            @Override
            public boolean rename(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to) throws IOException {
                if (operation.equals("rename") && from.getName().startsWith(prefix)) {
                    throw new IOException("killed before renaming " + from.getName());
                }
                return super.rename(from, to);
            }

            @Override
            public boolean delete(org.apache.hadoop.fs.Path path, boolean recursive) throws IOException {
                if (operation.equals("delete") && path.getName().startsWith(prefix)) {
                    throw new IOException("killed before deleting " + path.getName());
                }
                return super.delete(path, recursive);
            }
        };
    }

    private Map<String, Integer> filesPerDay() throws IOException {
        Map<String, Integer> days = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(out.resolve("rated/period=2024-05"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .forEach(p -> days.merge(p.getParent().getFileName().toString(), 1, Integer::sum));
        }
        return days;
    }

    /** Rows, amount and an order-free hash of every column, as DuckDB reads the period's published files. */
    private String digest() throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*), sum(amount), sum(hash(record_id, source, account_id, subscriber, service,"
                     + " direction, other_party, start_time, period, plan_id, destination_class, billed_units, allowance_units, amount,"
                     + " currency, late, throttled, charge_code)::HUGEINT), count(charge_code) FROM read_parquet('" + out.resolve("rated")
                     + "/period=2024-05/*/*.parquet')")) {
            rows.next();
            // every row was rated by a rule, and compaction keeps its charge code
            assertThat(rows.getLong(4)).isEqualTo(rows.getLong(1));
            return rows.getLong(1) + " rows, " + rows.getBigDecimal(2) + ", " + rows.getString(3);
        }
    }
}
