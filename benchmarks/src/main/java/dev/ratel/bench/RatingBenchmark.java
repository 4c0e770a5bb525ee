package dev.ratel.bench;

import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event rated against the Keńse 15 sample plan: classify, find the rule, draw buckets, price,
 * convert currency where the rate is in USD. A mix of on-net, off-net, landline, international calls,
 * SMS and data; the buckets are kept part-used so both the allowance and the overage paths run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class RatingBenchmark {
    @Param({"samples/tariffs"})
    String tariffs;

    @Param({"samples/reference"})
    String reference;

    private Rater rater;
    private RatingTable table;
    private InMemoryAllowances balances;
    private final RatingResult result = new RatingResult();
    private UsageEvent[] events;
    private int next;

    @Setup
    public void setUp() throws Exception {
        TariffPlan kense = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of(tariffs)).get("kense-15");
        rater = new Rater(ExchangeRatesCsv.read(Path.of(reference, "exchange-rates.csv")));
        long start = LocalDateTime.parse("2024-05-20T10:00").atZone(kense.zone()).toInstant().toEpochMilli();
        table = kense.ratingTable(kense.versionIndexAt(start));
        balances = new InMemoryAllowances(table);
        SplittableRandom random = new SplittableRandom(7);
        long[] others = {77051234567L, 77011234567L, 77472345678L, 77272123456L, 79161234567L, 4915112345678L};
        events = new UsageEvent[1024];
        for (int i = 0; i < events.length; i++) {
            long subscriber = 77050000000L + i;
            long when = start + random.nextLong(86_400_000L * 10);
            int kind = random.nextInt(10);
            if (kind < 6) {
                NumberKind numberKind = kind == 5 ? NumberKind.VPBX_GROUP : NumberKind.MOBILE;
                events[i] = new UsageEvent().voice(Direction.OUT, numberKind, subscriber, others[random.nextInt(others.length)],
                        when, 1 + random.nextInt(600));
            } else if (kind < 8) {
                events[i] = new UsageEvent().sms(NumberKind.MOBILE, subscriber, others[random.nextInt(2)], when,
                        1 + random.nextInt(200), random.nextBoolean() ? SmsEncoding.UCS2 : SmsEncoding.GSM7);
            } else {
                events[i] = new UsageEvent().data(NumberKind.MOBILE, subscriber, when, random.nextInt(50_000_000));
            }
        }
    }

    @Benchmark
    public long rateOneEvent() {
        int index = next++ & (events.length - 1);
        if (index == 0) {
            balances.startNewPeriod(); // a fresh month every 1 024 events: both paths stay hot
        }
        rater.rate(table, events[index], balances, result);
        balances.apply(result);
        return result.amountScaled;
    }
}
