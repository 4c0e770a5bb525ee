package dev.ratel.jobs.bench;

import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the benchmarks measure besides time: the bare-scan floor, memory, disk. */
public final class Measures {
    private Measures() {
    }

    /**
     * The floor: reads a canonical CSV file field by field, parsing numbers and times as ingest
     * does, storing and rating nothing. Returns the records read.
     */
    public static long bareScan(Path file) throws IOException {
        long records = 0;
        CdrRecord record = new CdrRecord();
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CdrReader reader = new CanonicalCsvReader(in, file.toString())) {
            while (reader.next(record) != CdrReader.Result.END) {
                records++;
            }
        }
        return records;
    }

    /** The heap's peak use so far, summed over the heap pools. */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The process's peak resident memory (VmHWM from /proc, Linux); 0 elsewhere. */
    public static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Bytes of the regular files under {@code dir}; 0 when it does not exist. */
    public static long diskBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
