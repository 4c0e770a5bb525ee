package dev.ratel.jobs.balances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.ids.HomeCounterKeys;
import dev.ratel.jobs.KenseMonth;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancesTest {
    @TempDir
    Path dir;

    @Test
    void shouldShowWhatIsLeftOfEachAllowanceOfAKenseNumberUntilTheEndOfTheMonth() throws Exception {
        KenseMonth month = KenseMonth.rated(dir);
        try (MappedCounterStore counters = MappedCounterStore.open(dir.resolve("home/counters"), 10_000);
             HomeCounterKeys keys = HomeCounterKeys.readOnly(dir.resolve("home/ids"))) {
            Balances.View sim1 = Balances.of("77051110001", LocalDate.of(2024, 5, 20), month.reference(), month.plans(), counters, keys);
            Balances.View group = Balances.of("77061110000", LocalDate.of(2024, 5, 20), month.reference(), month.plans(), counters, keys);
            Balances.View june = Balances.of("77051110001", LocalDate.of(2024, 6, 1), month.reference(), month.plans(), counters, keys);

            // SIM 01 used all 200 minutes (12 000 s) and all 100 SMS; no data; on-net is unlimited
            assertThat(sim1.lines()).extracting(Balances.Line::bucket, Balances.Line::granted, Balances.Line::available)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("beeline-unlimited", -1L, -1L),
                            org.assertj.core.groups.Tuple.tuple("kz-offnet-minutes", 12_000L, 0L),
                            org.assertj.core.groups.Tuple.tuple("kz-sms", 100L, 0L),
                            org.assertj.core.groups.Tuple.tuple("internet", 32_212_254_720L, 32_212_254_720L));
            assertThat(sim1.lines().get(1).validFrom().toString()).isEqualTo("2024-05-01T00:00+05:00[Asia/Almaty]");
            assertThat(sim1.lines().get(1).validTo().toString()).isEqualTo("2024-05-31T23:59:59+05:00[Asia/Almaty]");
            // the group number holds the 2 500-minute Virtual PBX pool, untouched
            assertThat(group.lines()).extracting(Balances.Line::bucket, Balances.Line::available)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("vpbx-pool", 150_000L));
            // a new month starts every bucket full
            assertThat(june.lines().get(1).available()).isEqualTo(12_000L);
            assertThatThrownBy(() -> Balances.of("77059999999", LocalDate.of(2024, 5, 20), month.reference(), month.plans(), counters, keys))
                    .hasMessageContaining("is in no account");
        }
    }
}
