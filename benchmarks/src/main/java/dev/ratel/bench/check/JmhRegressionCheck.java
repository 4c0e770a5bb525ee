package dev.ratel.bench.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a JMH run's JSON result ({@code -rf json}) with a stored baseline and fails, naming
 * the benchmark, when throughput dropped or allocation per operation grew by more than the
 * threshold, counting each side's measured error in its favour: a drop is only reported when even
 * the best the run could be is worse than the worst the baseline could be, less the threshold.
 *
 * <pre>
 * benchmarks/jmh-check BASELINE.json RUN.json [THRESHOLD]     (THRESHOLD: 0.10 = 10 %, the default)
 * </pre>
 *
 * Exit 0: no regression; 1: a regression, or a baseline benchmark missing from the run; 2: a file
 * is missing or not JMH JSON.
 */
public final class JmhRegressionCheck {
    /** Allocation below this many bytes per operation counts as none (JMH reports noise such as 0.01 B/op). */
    static final double ALLOCATION_SLACK_BYTES = 8;

    /** One benchmark's figures: the primary score with its error and mode, and bytes allocated per operation. */
    record Result(String name, String mode, double score, double error, String unit, double allocatedBytes, double allocatedError) {
        boolean higherIsBetter() {
            return mode.equals("thrpt");
        }
    }

    private JmhRegressionCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: jmh-check BASELINE.json RUN.json [THRESHOLD]");
            return 2;
        }
        double threshold;
        Map<String, Result> baseline;
        Map<String, Result> current;
        try {
            threshold = args.length == 3 ? Double.parseDouble(args[2]) : 0.10;
            baseline = read(Path.of(args[0]));
            current = read(Path.of(args[1]));
        } catch (IOException | IllegalArgumentException e) {
            err.println("jmh-check: " + e.getMessage());
            return 2;
        }
        List<String> problems = compare(baseline, current, threshold);
        for (Result result : current.values()) {
            Result before = baseline.get(result.name());
            if (before != null) {
                out.printf("%-60s %12.3f ± %.3f %s (baseline %.3f ± %.3f)%n", result.name(), result.score(), result.error(), result.unit(),
                        before.score(), before.error());
            }
        }
        problems.forEach(err::println);
        out.printf("%d benchmark(s) compared, %d regression(s), threshold %.0f %%%n", baseline.size(), problems.size(), threshold * 100);
        return problems.isEmpty() ? 0 : 1;
    }

    /** One line per regression or missing benchmark; empty when the run is as good as the baseline. */
    static List<String> compare(Map<String, Result> baseline, Map<String, Result> current, double threshold) {
        List<String> problems = new ArrayList<>();
        for (Result before : baseline.values()) {
            Result now = current.get(before.name());
            if (now == null) {
                problems.add("MISSING " + before.name() + ": in the baseline, not in the run");
                continue;
            }
            if (before.higherIsBetter()) {
                double worstBefore = (before.score() - before.error()) * (1 - threshold);
                if (now.score() + now.error() < worstBefore) {
                    problems.add(String.format("SLOWER %s: %.3f ± %.3f %s, baseline %.3f ± %.3f (more than %.0f %% below)", now.name(),
                            now.score(), now.error(), now.unit(), before.score(), before.error(), threshold * 100));
                }
            } else {
                double worstBefore = (before.score() + before.error()) * (1 + threshold);
                if (now.score() - now.error() > worstBefore) {
                    problems.add(String.format("SLOWER %s: %.3f ± %.3f %s, baseline %.3f ± %.3f (more than %.0f %% above)", now.name(),
                            now.score(), now.error(), now.unit(), before.score(), before.error(), threshold * 100));
                }
            }
            if (!Double.isNaN(before.allocatedBytes()) && !Double.isNaN(now.allocatedBytes())) {
                double allowed = (before.allocatedBytes() + before.allocatedError()) * (1 + threshold) + ALLOCATION_SLACK_BYTES;
                if (now.allocatedBytes() - now.allocatedError() > allowed) {
                    problems.add(String.format("ALLOCATES MORE %s: %.1f B/op, baseline %.1f B/op", now.name(), now.allocatedBytes(),
                            before.allocatedBytes()));
                }
            }
        }
        return problems;
    }

    /** The benchmarks of a JMH JSON result, by name with their parameters. */
    static Map<String, Result> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file " + file);
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result (an array of benchmarks); run JMH with -rf json");
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (JsonNode benchmark : root) {
            JsonNode primary = benchmark.path("primaryMetric");
            if (!benchmark.hasNonNull("benchmark") || primary.isMissingNode()) {
                throw new IOException(file + ": an entry without benchmark or primaryMetric");
            }
            String name = benchmark.get("benchmark").asText() + parameters(benchmark.path("params"));
            double allocated = Double.NaN;
            double allocatedError = 0;
            for (var metric : benchmark.path("secondaryMetrics").properties()) {
                if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                    allocated = metric.getValue().path("score").asDouble();
                    allocatedError = errorOf(metric.getValue());
                }
            }
            results.put(name, new Result(name, benchmark.path("mode").asText(), primary.path("score").asDouble(), errorOf(primary),
                    primary.path("scoreUnit").asText(), allocated, allocatedError));
        }
        return results;
    }

    private static String parameters(JsonNode params) {
        if (params.isMissingNode() || params.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (var entry : params.properties()) {
            text.append(text.length() == 0 ? "(" : ", ").append(entry.getKey()).append('=').append(entry.getValue().asText());
        }
        return text.append(')').toString();
    }

    /** JMH writes "NaN" as the error of a single fork and iteration: no error known, so none counted. */
    private static double errorOf(JsonNode metric) {
        double error = metric.path("scoreError").asDouble(0);
        return Double.isNaN(error) ? 0 : error;
    }
}
