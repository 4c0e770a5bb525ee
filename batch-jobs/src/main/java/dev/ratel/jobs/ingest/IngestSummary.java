package dev.ratel.jobs.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an ingest run took: {@code read = accepted + rejected + duplicates}, always, in total and per
 * file. A file resumed after a crash counts what earlier attempts took too.
 */
public record IngestSummary(long runNumber, long read, long accepted, long rejected, long duplicates,
                            Map<String, Long> rejectedByReason, List<FileSummary> files, List<SkippedFile> skipped,
                            Path rejectsFile, long elapsedMillis) {
    public IngestSummary {
        if (read != accepted + rejected + duplicates) {
            throw new IllegalStateException("read " + read + " != accepted " + accepted + " + rejected " + rejected
                    + " + duplicates " + duplicates);
        }
        rejectedByReason = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rejectedByReason));
        files = List.copyOf(files);
        skipped = List.copyOf(skipped);
    }

    /** One input file's counts, and whether this run resumed it after a crash. */
    public record FileSummary(String path, long read, long accepted, long rejected, long duplicates, boolean resumed) {
    }

    /**
     * A file not taken at all, and why: an empty file (a mediation system that has created it and not yet
     * written it, or a failed transfer). It is not registered, so once it has content a later run takes it.
     */
    public record SkippedFile(String path, String reason) {
    }

    public double rejectRatio() {
        return read == 0 ? 0 : (double) rejected / read;
    }
}
