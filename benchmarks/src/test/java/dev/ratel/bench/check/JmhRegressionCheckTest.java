package dev.ratel.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhRegressionCheckTest {
    private static String benchmark(String name, String mode, double score, String error, double allocated) {
        return "{\"benchmark\":\"" + name + "\",\"mode\":\"" + mode + "\",\"params\":{\"numbers\":\"1000\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":" + error + ",\"scoreUnit\":\"ops/us\"},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + allocated + ",\"scoreError\":0.001,\"scoreUnit\":\"B/op\"}}}";
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(Path dir, String baseline, String run, String... threshold) throws Exception {
        Files.writeString(dir.resolve("baseline.json"), "[" + baseline + "]");
        Files.writeString(dir.resolve("run.json"), "[" + run + "]");
        String[] args = threshold.length == 0 ? new String[] {dir.resolve("baseline.json").toString(), dir.resolve("run.json").toString()}
                : new String[] {dir.resolve("baseline.json").toString(), dir.resolve("run.json").toString(), threshold[0]};
        return JmhRegressionCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldPassADropWithinTheThresholdAndTheErrors(@TempDir Path dir) throws Exception {
        // baseline 14.0 ± 0.5: worst 13.5, less 10 % = 12.15; the run's best 12.0 + 0.2 = 12.2 is above it
        assertThat(check(dir, benchmark("dev.ratel.bench.RatingBenchmark.rateOneEvent", "thrpt", 14.0, "0.5", 0.0),
                benchmark("dev.ratel.bench.RatingBenchmark.rateOneEvent", "thrpt", 12.0, "0.2", 0.02))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 benchmark(s) compared, 0 regression(s)");
    }

    @Test
    void shouldNameABenchmarkWhoseThroughputDroppedBeyondTheThreshold(@TempDir Path dir) throws Exception {
        // the run's best 12.0 + 0.1 = 12.1 is below 12.15
        assertThat(check(dir, benchmark("dev.ratel.bench.RatingBenchmark.rateOneEvent", "thrpt", 14.0, "0.5", 0.0),
                benchmark("dev.ratel.bench.RatingBenchmark.rateOneEvent", "thrpt", 12.0, "0.1", 0.0))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SLOWER dev.ratel.bench.RatingBenchmark.rateOneEvent(numbers=1000)");
    }

    @Test
    void shouldNameABenchmarkThatAllocatesWhereItDidNot(@TempDir Path dir) throws Exception {
        // 0 B/op before; 24 B/op now is above 0 × 1.1 + 8 bytes of slack
        assertThat(check(dir, benchmark("dev.ratel.bench.ClassificationBenchmark.classify", "thrpt", 50.0, "1.0", 0.0),
                benchmark("dev.ratel.bench.ClassificationBenchmark.classify", "thrpt", 50.0, "1.0", 24.0))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ALLOCATES MORE dev.ratel.bench.ClassificationBenchmark.classify");
    }

    @Test
    void shouldTreatTimeModesAsLowerIsBetterAndASingleForksNanErrorAsNone(@TempDir Path dir) throws Exception {
        // average time 100 ns ± NaN: worst 100, plus 5 % = 105; 104 passes, 106 fails
        String before = benchmark("dev.ratel.bench.X.avg", "avgt", 100.0, "\"NaN\"", 0.0);
        assertThat(check(dir, before, benchmark("dev.ratel.bench.X.avg", "avgt", 104.0, "\"NaN\"", 0.0), "0.05")).isZero();
        assertThat(check(dir, before, benchmark("dev.ratel.bench.X.avg", "avgt", 106.0, "\"NaN\"", 0.0), "0.05")).isEqualTo(1);
    }

    @Test
    void shouldFailWhenABenchmarkIsMissingAndExitTwoOnAFileThatIsNotJmhJson(@TempDir Path dir) throws Exception {
        assertThat(check(dir, benchmark("a.B.c", "thrpt", 1.0, "0.1", 0.0), benchmark("a.B.d", "thrpt", 1.0, "0.1", 0.0))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MISSING a.B.c(numbers=1000)");
        Files.writeString(dir.resolve("broken.json"), "{\"not\":\"jmh\"}");
        assertThat(JmhRegressionCheck.run(new String[] {dir.resolve("broken.json").toString(), dir.resolve("broken.json").toString()},
                new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(JmhRegressionCheck.run(new String[] {"/no/such.json", "/no/such.json"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
    }
}
