package dev.ratel.bench;

import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.jobs.bench.Measures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One counter update as the rating job makes it: read a number's counter (once per batch) and set
 * its new value, tagged with the rated excerpt, in the memory-mapped counter table. The numbers are
 * drawn at random from {@code counters} existing ones, so most reads miss the CPU cache as they do in
 * a month over many numbers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class CounterStoreBenchmark {
    private static final int MAY = 2024 * 12 + 4;

    @Param({"400000"})
    int counters;

    private Path directory;
    private MappedCounterStore store;
    private long[] owners;
    private int next;
    private long index;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("ratel-counters-bench");
        store = MappedCounterStore.open(directory, counters);
        owners = new long[counters];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < counters; i++) {
            owners[i] = 77_000_000_000L + random.nextLong(1_000_000_000L);
            store.set(owners[i], 1, MAY, i, 1);
        }
    }

    @Benchmark
    public long readAndSet() {
        long owner = owners[next];
        next = next + 7919 < counters ? next + 7919 : (next + 7919) % counters;
        long used = store.used(owner, 1, MAY);
        store.set(owner, 1, MAY, used + 60, ++index);
        return used;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        store.close();
        Measures.deleteTree(directory);
    }
}
