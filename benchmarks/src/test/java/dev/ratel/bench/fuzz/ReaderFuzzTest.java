package dev.ratel.bench.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short run of the fuzz harness, in every build: 250 000 mutated rows over the canonical, Asterisk
 * and Parquet readers, a share of them through a real ingest, and 300 mutated tariff and reference
 * directories through the loaders. The long run is
 * {@code benchmarks/fuzz 10000000} (docs/reliability.md).
 */
class ReaderFuzzTest {
    @TempDir
    Path dir;

    @Test
    void shouldRejectEveryMutatedRecordWithAReasonAndNeverCrash() throws Exception {
        ReaderFuzz.Result result = new ReaderFuzz(19, dir).run(250_000);
        assertThat(result.failures).as(result.toString()).isEmpty();
        assertThat(result.rows).isGreaterThanOrEqualTo(250_000);
        // the mutations reach both outcomes, and the ingest: the harness is not fuzzing nothing
        assertThat(result.accepted).isPositive();
        assertThat(result.rejected).isPositive();
        assertThat(result.ingested).isPositive();
        assertThat(result.damagedFiles).isPositive();
    }

    @Test
    void shouldRefuseEveryMutatedTariffAndReferenceFileWithFileAndLineAndNeverCrash() throws Exception {
        Path tariffs = Path.of("../samples/tariffs");
        LoaderFuzz.Result result = new LoaderFuzz(19, dir).run(300, tariffs);
        assertThat(result.failures).as(result.toString()).isEmpty();
        // some damage leaves a file the loaders still take (a comment line repeated); most is refused with problems
        assertThat(result.refused).isGreaterThan(result.cases / 2);
        assertThat(result.problems).isGreaterThanOrEqualTo(result.refused);
        assertThat(result.loaded).isPositive();
    }
}
