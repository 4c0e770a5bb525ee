package dev.ratel.jobs.bench;

import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import java.io.IOException;
import java.io.InputStream;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

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

    private static final AtomicLong PEAK_BEFORE_COLLECTION = new AtomicLong();
    private static final AtomicLong PEAK_AFTER_COLLECTION = new AtomicLong();
    private static boolean watching;

    /**
     * Follows the heap from now on through the collector's notifications: its use just before each
     * collection (the highest of which is the peak) and just after (what was live). Once per process.
     */
    public static synchronized void watchHeap() {
        if (watching) {
            return;
        }
        watching = true;
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                        PEAK_BEFORE_COLLECTION.accumulateAndGet(heapUse(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                        PEAK_AFTER_COLLECTION.accumulateAndGet(heapUse(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                    }
                }, null, null);
            }
        }
    }

    private static long heapUse(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    /**
     * The heap's peak use so far: since {@link #watchHeap}, the highest use seen just before a
     * collection or now, which stays within the maximum heap; without it, the sum of each heap pool's
     * own peak, which may not (the pools peak at different moments).
     */
    public static long peakHeapBytes() {
        if (watching) {
            return Math.max(PEAK_BEFORE_COLLECTION.get(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The most the heap held just after a collection since {@link #watchHeap}: the live data at its largest. */
    public static long peakLiveHeapBytes() {
        return PEAK_AFTER_COLLECTION.get();
    }

    /**
     * Whether this JVM maps its classes from a class-data archive (the {@code ratel} launcher's), so
     * the stages do not parse and verify the classes they load first.
     */
    public static boolean classDataArchive() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.startsWith("-XX:SharedArchiveFile="));
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
