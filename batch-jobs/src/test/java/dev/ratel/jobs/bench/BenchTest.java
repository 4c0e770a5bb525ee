package dev.ratel.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's two raters, Ratel and the DuckDB SQL baseline, agree on a generated month. */
class BenchTest {
    @Test
    void shouldRateTheBenchMonthAsTheSqlBaselineDoesClassByClass(@TempDir Path work) throws Exception {
        Bench.Report report = new Bench(work).run(40_000, 300);

        assertThat(report.ingest().records()).isEqualTo(40_000);
        assertThat(report.rate().records()).isEqualTo(40_000);
        assertThat(report.export().records()).isEqualTo(40_000);
        assertThat(report.floor().records()).isEqualTo(40_000);
        // every class of the plan is called, the default one included
        assertThat(report.ratelTotals()).containsOnlyKeys("kz-onnet", "kz-mobile", "kz-landline", "kz-almaty", "ru-mobile", "ru-other", "world");
        assertThat(report.baselineTotals().keySet()).isEqualTo(report.ratelTotals().keySet());
        report.ratelTotals().forEach((destination, ratel) ->
                assertThat(ratel.sameAs(report.baselineTotals().get(destination))).as(destination + ": Ratel " + ratel + ", SQL "
                        + report.baselineTotals().get(destination)).isTrue());
        assertThat(report.totalsEqual()).isTrue();
        // 300 numbers with 300 minutes each: about 133 calls a number averaging 3.9 billed minutes use the allowance up,
        // so most of the Kazakh minutes are drawn from it, and some are charged
        Bench.ClassTotals mobile = report.ratelTotals().get("kz-mobile");
        assertThat(mobile.allowanceSeconds()).isPositive().isLessThan(mobile.billedSeconds());
        // on-net minutes cost nothing, in or out of the allowance; the world's all cost 480.00 a minute
        assertThat(report.ratelTotals().get("kz-onnet").amount()).isEqualByComparingTo(BigDecimal.ZERO);
        Bench.ClassTotals world = report.ratelTotals().get("world");
        assertThat(world.allowanceSeconds()).isZero();
        assertThat(world.amount()).isEqualByComparingTo(new BigDecimal(world.billedSeconds() / 60).multiply(new BigDecimal("480.00")));
    }
}
