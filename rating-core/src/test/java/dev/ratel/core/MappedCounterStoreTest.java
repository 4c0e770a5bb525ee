package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.core.time.CivilDates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The off-heap counters in a real memory-mapped file. */
@Tag("slow")
class MappedCounterStoreTest {
    private static final long SIM = 77051110001L;
    private static final long POOL = 42;
    private static final int MAY = CivilDates.period(2024, 5);
    private static final int JUNE = CivilDates.period(2024, 6);

    @TempDir
    Path dir;

    @Test
    void shouldApplyEachJournalEntryOnceAndKeepCountersApart() throws Exception {
        try (MappedCounterStore counters = MappedCounterStore.open(dir, 10_000)) {
            assertThat(counters.apply(SIM, 1, MAY, 180, 100)).isTrue();
            assertThat(counters.apply(SIM, 1, MAY, 60, 101)).isTrue();
            // Replaying entry 101 after a crash adds nothing: the counter already holds it.
            assertThat(counters.apply(SIM, 1, MAY, 60, 101)).isFalse();
            assertThat(counters.apply(SIM, 1, MAY, 60, 100)).isFalse();
            assertThat(counters.used(SIM, 1, MAY)).isEqualTo(240); // 180 + 60
            assertThat(counters.lastApplied(SIM, 1, MAY)).isEqualTo(101);
            // Another bucket, another period, an account pool: separate counters.
            counters.apply(SIM, 2, MAY, 5, 101);
            counters.apply(SIM, 1, JUNE, 7, 102);
            counters.apply(POOL, 1, MAY, 9, 102);
            assertThat(counters.used(SIM, 2, MAY)).isEqualTo(5);
            assertThat(counters.used(SIM, 1, JUNE)).isEqualTo(7);
            assertThat(counters.used(POOL, 1, MAY)).isEqualTo(9);
            // bucket codes take sixteen bits: 300 and 300 + 256 are two buckets, not one
            counters.apply(SIM, 300, MAY, 11, 103);
            assertThat(counters.used(SIM, 300 + 256, MAY)).isZero();
            assertThat(counters.used(SIM, 300, MAY)).isEqualTo(11);
            assertThat(counters.used(SIM, 3, MAY)).isZero();
            assertThat(counters.size()).isEqualTo(5);
        }
        try (MappedCounterStore reopened = MappedCounterStore.open(dir, 10_000)) {
            assertThat(reopened.used(SIM, 1, MAY)).isEqualTo(240);
            assertThat(reopened.apply(SIM, 1, MAY, 60, 101)).isFalse();
        }
    }

    @Test
    void shouldSetACounterToTheJournalsValueWhateverItHeld() throws Exception {
        try (MappedCounterStore counters = MappedCounterStore.open(dir, 10_000)) {
            counters.set(SIM, 1, MAY, 240, 101);
            // As if a kill had left the counter with a half-applied change: replaying entry 101 sets it back.
            counters.add(SIM, 1, MAY, 60);
            assertThat(counters.used(SIM, 1, MAY)).isEqualTo(300);
            counters.set(SIM, 1, MAY, 240, 101);
            assertThat(counters.used(SIM, 1, MAY)).isEqualTo(240);
            assertThat(counters.lastApplied(SIM, 1, MAY)).isEqualTo(101);
            counters.set(SIM, 2, JUNE, 7, 102);
            assertThat(counters.used(SIM, 2, JUNE)).isEqualTo(7);
        }
    }

    @Test
    void shouldRecoverTheFileOfAProcessKilledWhileHoldingIt() throws Exception {
        // A child JVM opens the counters, applies 180 units as entry 100, says so, and waits to be killed.
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
                "-Dchronicle.announcer.disable=true", "-cp", System.getProperty("java.class.path"),
                CounterStoreChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        java.io.BufferedReader output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
        String line = output.readLine();
        while (line != null && !line.equals("applied")) {
            line = output.readLine();
        }
        assertThat(line).isEqualTo("applied");
        child.destroyForcibly().waitFor();
        assertThat(Files.exists(dir.resolve("open"))).as("a killed process leaves its marker").isTrue();
        try (MappedCounterStore recovered = MappedCounterStore.open(dir, 10_000)) {
            assertThat(recovered.used(SIM, 1, MAY)).isEqualTo(180);
            assertThat(recovered.apply(SIM, 1, MAY, 180, 100)).isFalse();
            assertThat(recovered.apply(SIM, 1, MAY, 60, 101)).isTrue();
            assertThat(recovered.used(SIM, 1, MAY)).isEqualTo(240);
        }
    }

    @Test
    void shouldRebuildCountersLeftOpenOrDamagedRatherThanTrustThem() throws Exception {
        try (MappedCounterStore counters = MappedCounterStore.open(dir, 10_000)) {
            counters.set(SIM, 1, MAY, 999, 5); // a value the journal no longer vouches for
        }
        Files.writeString(dir.resolve("open"), "12345"); // as a killed run leaves it
        MappedCounterStore.Rebuild fromJournal = empty -> empty.set(SIM, 1, MAY, 180, 100);
        try (MappedCounterStore rebuilt = MappedCounterStore.open(dir, 10_000, fromJournal)) {
            assertThat(rebuilt.used(SIM, 1, MAY)).isEqualTo(180);
            assertThat(rebuilt.lastApplied(SIM, 1, MAY)).isEqualTo(100);
            assertThat(rebuilt.size()).isEqualTo(1);
        }
        assertThat(Files.exists(dir.resolve("open"))).as("a clean close removes the marker").isFalse();

        // a header of garbage: not a counter table at all
        byte[] file = Files.readAllBytes(dir.resolve("counters.dat"));
        java.util.Arrays.fill(file, 0, 64, (byte) 0x5a);
        Files.write(dir.resolve("counters.dat"), file);
        try (MappedCounterStore rebuilt = MappedCounterStore.open(dir, 10_000, empty -> empty.set(SIM, 1, MAY, 240, 101))) {
            assertThat(rebuilt.used(SIM, 1, MAY)).isEqualTo(240);
        }

        // a rebuild that fails leaves the marker, so the next open rebuilds again
        Files.writeString(dir.resolve("open"), "12345");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MappedCounterStore.open(dir, 10_000, empty -> {
            throw new java.io.IOException("journal unreadable");
        })).hasMessage("journal unreadable");
        assertThat(Files.exists(dir.resolve("open"))).isTrue();
        try (MappedCounterStore rebuilt = MappedCounterStore.open(dir, 10_000, fromJournal)) {
            assertThat(rebuilt.used(SIM, 1, MAY)).isEqualTo(180);
        }

        // a rebuild killed after deleting the old file and before creating the new one: rebuilt, not left empty
        Files.writeString(dir.resolve("open"), "12345");
        Files.delete(dir.resolve("counters.dat"));
        try (MappedCounterStore rebuilt = MappedCounterStore.open(dir, 10_000, fromJournal)) {
            assertThat(rebuilt.used(SIM, 1, MAY)).isEqualTo(180);
        }
    }

    @Test
    void shouldGrowPastItsFirstSizeAndKeepEveryCounter() throws Exception {
        // sized for 10 counters (a 4 096-slot table); 50 000 inserted: the table doubles several times
        try (MappedCounterStore counters = MappedCounterStore.open(dir, 10)) {
            for (int i = 0; i < 50_000; i++) {
                counters.set(SIM + i, i % 3, MAY, i * 7L, i);
            }
            assertThat(counters.size()).isEqualTo(50_000);
            counters.reserve(20_000); // room made up front, as the rating job does before writing from its threads
        }
        try (MappedCounterStore reopened = MappedCounterStore.open(dir, 10)) {
            assertThat(reopened.size()).isEqualTo(50_000);
            for (int i = 0; i < 50_000; i += 997) {
                assertThat(reopened.used(SIM + i, i % 3, MAY)).isEqualTo(i * 7L);
                assertThat(reopened.lastApplied(SIM + i, i % 3, MAY)).isEqualTo(i);
            }
            assertThat(reopened.used(SIM + 1, 0, MAY)).isZero(); // 1 % 3 = 1: bucket 0 of that owner never drawn
            long[] sum = {0};
            reopened.forEach((owner, bucket, period, used) -> sum[0] += used);
            assertThat(sum[0]).isEqualTo(7L * 49_999 * 50_000 / 2); // 7 × (0 + 1 + … + 49 999)
        }
    }

    @Test
    void shouldLetTwoThreadsInsertTheirOwnCountersAtOnce() throws Exception {
        try (MappedCounterStore counters = MappedCounterStore.open(dir, 10)) {
            counters.reserve(200_000);
            Thread[] threads = new Thread[2];
            for (int t = 0; t < 2; t++) {
                long base = t * 1_000_000_000L;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        counters.set(base + i, 1, MAY, i, 1);
                    }
                });
                threads[t].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(counters.size()).isEqualTo(200_000);
            assertThat(counters.used(99_999, 1, MAY)).isEqualTo(99_999);
            assertThat(counters.used(1_000_000_000L + 12_345, 1, MAY)).isEqualTo(12_345);
        }
    }

    /** The child of {@link #shouldRecoverTheFileOfAProcessKilledWhileHoldingIt}. */
    public static final class CounterStoreChild {
        public static void main(String[] args) throws Exception {
            MappedCounterStore counters = MappedCounterStore.open(Path.of(args[0]), 10_000);
            counters.apply(SIM, 1, MAY, 180, 100);
            System.out.println("applied");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
