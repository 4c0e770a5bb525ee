package dev.ratel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The line cron's logs get for a long step: the count, the total, the rate and the time left. */
class ProgressTest {
    private final PrintWriter err = new PrintWriter(new StringWriter());

    @Test
    void shouldSayHowManyOfHowManyAndHowLongIsLeft() {
        // 41 200 of 100 000 in 13.966 s: 2 950 a second; the 58 800 left take 19.93 s, said as 0:20
        assertThat(new Progress(err, "documents", 100_000, "accounts").line(41_200, 13.966))
                .isEqualTo("documents: 41,200 of 100,000 accounts, 2,950/s, about 0:20 left");
        // 5 000 000 of 5 000 000: done, nothing left to say
        assertThat(new Progress(err, "issue", 5_000_000, "accounts").line(5_000_000, 100))
                .isEqualTo("issue: 5,000,000 of 5,000,000 accounts, 50,000/s");
        // no total (ingest counts records as it finds them): no time left
        assertThat(new Progress(err, "ingest").line(1_500_000, 2)).isEqualTo("ingest: 1,500,000 records, 750,000/s");
    }
}
