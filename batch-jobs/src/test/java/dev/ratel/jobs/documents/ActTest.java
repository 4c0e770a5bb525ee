package dev.ratel.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.jobs.close.PeriodUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Appendix No. 1's per-number amounts: one rounding, shared so that they add up to the act's usage lines. */
class ActTest {
    private static Map<String, PeriodUsage.NumberUsage> usage(Object... numberAndScaled) {
        Map<String, PeriodUsage.NumberUsage> usage = new LinkedHashMap<>();
        for (int i = 0; i < numberAndScaled.length; i += 2) {
            PeriodUsage.NumberUsage used = new PeriodUsage.NumberUsage("K1", (String) numberAndScaled[i]);
            used.amountScaled = (Long) numberAndScaled[i + 1];
            usage.put(used.number, used);
        }
        return usage;
    }

    @Test
    void shouldShareTheActsUsageLinesBetweenNumbersSoTheyAddUp() {
        // three numbers of 0.3333 tenge each (scaled 3 333): the act's line is 1.00 (0.9999 rounded once), while rounding
        // each number gave 0.33 + 0.33 + 0.33 = 0.99. Shares of 100 tiyn by weight 1:1:1 are 33 each, 1 left over, and it
        // goes to the lowest number of the equal remainders
        assertThat(Act.shares(100, usage("77050000003", 3_333L, "77050000001", 3_333L, "77050000002", 3_333L)))
                .containsExactly(Map.entry("77050000001", 34L), Map.entry("77050000002", 33L), Map.entry("77050000003", 33L));
    }

    @Test
    void shouldGiveTheKopecksLeftToTheLargestRemainders() {
        // 3 803 tiyn over weights 123 456, 200 001 and 56 789 (sum 380 246): exact shares 3803 * w / 380246 are
        // 1234.735…, 2000.294…, 567.970… -> whole 1234 + 2000 + 567 = 3801; the two left go to .970 (C) and .735 (A)
        assertThat(Act.shares(3803, usage("A", 123_456L, "B", 200_001L, "C", 56_789L)))
                .containsExactly(Map.entry("A", 1235L), Map.entry("B", 2000L), Map.entry("C", 568L));
    }

    @Test
    void shouldShareNothingWhereNothingWasRated() {
        assertThat(Act.shares(0, usage("A", 0L))).isEmpty();
        assertThat(Act.shares(0, usage("A", 5_000L, "B", 0L))).containsExactly(Map.entry("A", 0L), Map.entry("B", 0L));
    }
}
