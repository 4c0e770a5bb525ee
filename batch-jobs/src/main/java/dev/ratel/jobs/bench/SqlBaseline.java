package dev.ratel.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The baseline a billing engineer would otherwise use: {@code baseline.sql} run by DuckDB through
 * its JDBC driver (an in-memory database, all cores), over the benchmark month's calls in Parquet.
 */
final class SqlBaseline {
    private SqlBaseline() {
    }

    static void rate(BenchMonth.Files month, Path rated) throws IOException, SQLException {
        String sql = script();
        Map<String, String> values = Map.of(
                "prefixes", month.prefixes().toAbsolutePath().toString(),
                "prices", month.prices().toAbsolutePath().toString(),
                "calls", month.parquet().toAbsolutePath() + "/*.parquet",
                "default_class", BenchMonth.DEFAULT_CLASS,
                "zone", BenchMonth.ZONE,
                "allowance_seconds", Long.toString(BenchMonth.ALLOWANCE_SECONDS),
                "rated", rated.toAbsolutePath().toString());
        for (Map.Entry<String, String> value : values.entrySet()) {
            sql = sql.replace("${" + value.getKey() + "}", value.getValue().replace("'", "''"));
        }
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            for (String command : sql.split(";\\s*\\n")) {
                String body = command.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
                if (!body.isEmpty()) {
                    statement.execute(body);
                }
            }
        }
    }

    private static String script() throws IOException {
        try (InputStream in = SqlBaseline.class.getResourceAsStream("baseline.sql")) {
            if (in == null) {
                throw new IOException("baseline.sql missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
