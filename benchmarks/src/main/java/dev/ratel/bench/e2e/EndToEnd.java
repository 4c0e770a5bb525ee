package dev.ratel.bench.e2e;

import dev.ratel.jobs.bench.Bench;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The end-to-end benchmark from the benchmarks module: the same run as {@code ratel bench}
 * ({@link Bench}), with the report for people and then its JSON line.
 *
 * <pre>
 * benchmarks/end-to-end [CDRS] [NUMBERS] [WORK_DIR]      (512 MB heap)
 * </pre>
 */
public final class EndToEnd {
    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        long cdrs = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 5_000_000;
        int numbers = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 100_000;
        Path work = Path.of(args.length > 2 ? args[2] : "target/end-to-end");
        Bench.Report report = new Bench(work).run(cdrs, numbers);
        PrintWriter out = new PrintWriter(System.out, true);
        report.print(out);
        out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(report.json()));
        System.exit(report.totalsEqual() ? 0 : 1);
    }
}
