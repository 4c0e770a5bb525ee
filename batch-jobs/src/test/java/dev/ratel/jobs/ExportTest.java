package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.export.Export;
import dev.ratel.jobs.rate.RateRun;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generate, ingest, rate and export a month; DuckDB reads the Parquet and its sums match Ratel's. */
@Tag("slow")
class ExportTest {
    @TempDir
    Path dir;

    @Test
    void shouldExportRatedUsageThatDuckDbReadsWithTheSameSums() throws Exception {
        GeneratedMonth month = GeneratedMonth.of(dir, 60, 20_000, 8, 0.0);
        Path home = month.home();
        Map<String, TariffPlan> plans = month.plans();
        RateRun.Summary rated = new RateRun(home, plans, month.reference(), month.exchangeRates()).run(n -> { });
        Path out = dir.resolve("out");
        Export.Summary exported = new Export(home, out.toUri().toString(), plans).run();
        assertThat(exported.rows()).isEqualTo(rated.rated());
        assertThat(exported.amountScaled()).isEqualTo(rated.amountScaled());
        // Nothing is exported twice: a second run finds nothing new.
        assertThat(new Export(home, out.toUri().toString(), plans).run().rows()).isZero();
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".crc") || n.endsWith(".tmp"));
        }

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement();
             ResultSet sums = sql.executeQuery("SELECT count(*), sum(amount), count(DISTINCT record_id || '/' || source),"
                     + " min(period), max(period), typeof(sum(amount)), count(DISTINCT day) FROM read_parquet('"
                     + out.resolve("rated") + "/**/*.parquet', hive_partitioning = true)")) {
            assertThat(sums.next()).isTrue();
            assertThat(sums.getLong(1)).isEqualTo(rated.rated());
            // amount is DECIMAL(18,4): the rating's scaled units exactly, no floating point on the way.
            assertThat(sums.getBigDecimal(2)).isEqualByComparingTo(BigDecimal.valueOf(rated.amountScaled(), 4));
            assertThat(sums.getLong(3)).isEqualTo(rated.rated());
            assertThat(sums.getString(4)).isEqualTo("2024-05");
            assertThat(sums.getString(5)).isEqualTo("2024-05");
            assertThat(sums.getString(6)).startsWith("DECIMAL");
            assertThat(sums.getLong(7)).isEqualTo(31);
        }
    }
}
