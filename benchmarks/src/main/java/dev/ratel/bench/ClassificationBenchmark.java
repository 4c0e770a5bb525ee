package dev.ratel.bench;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.formats.reference.NumberRangeRegister;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Longest-prefix classification over a table of at least 40 000 prefixes: the Russian DEF register
 * (9 677 from-to ranges, split into prefixes) plus synthetic prefixes up to the size asked for. When
 * {@code ../shared/data} is absent the table is synthetic only. Numbers are drawn from the table's
 * own ranges and from random space, so both hits and misses are measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class ClassificationBenchmark {
    @Param({"40000"})
    int prefixes;

    @Param({"../shared/data/numbering/DEF-9xx.csv"})
    String register;

    private DestinationClassifier classifier;
    private long[] numbers;
    private int next;

    @Setup
    public void setUp() throws Exception {
        DestinationClassifier.Builder builder = DestinationClassifier.builder();
        SplittableRandom random = new SplittableRandom(42);
        long[] sample = new long[1 << 16];
        int sampled = 0;
        Path file = Path.of(register);
        if (Files.exists(file)) {
            for (NumberRangeRegister.Range range : NumberRangeRegister.read(file)) {
                builder.range(range.fromNumber(), range.toNumber(), "op-" + Math.abs(range.operator().hashCode() % 64));
                if (sampled < sample.length / 2) {
                    sample[sampled++] = random.nextLong(range.fromNumber(), range.toNumber() + 1);
                }
            }
        }
        int count = builder.build().prefixCount();
        while (count < prefixes) {
            int length = 4 + random.nextInt(6);
            long prefix = 7_700 + random.nextInt(300);
            for (int i = 4; i < length; i++) {
                prefix = prefix * 10 + random.nextInt(10);
            }
            try {
                builder.prefix(Long.toString(prefix), "zone-" + random.nextInt(200));
                count++;
            } catch (IllegalArgumentException alreadyInAnotherZone) {
                // a random prefix may repeat; draw another
            }
        }
        builder.defaultClass("international");
        classifier = builder.build();
        while (sampled < sample.length) {
            sample[sampled++] = 77_000_000_000L + random.nextLong(3_000_000_000L);
        }
        numbers = sample;
    }

    @Benchmark
    public int classify() {
        int index = next++ & (numbers.length - 1);
        return classifier.classify(numbers[index]);
    }

    int prefixCount() {
        return classifier.prefixCount();
    }
}
