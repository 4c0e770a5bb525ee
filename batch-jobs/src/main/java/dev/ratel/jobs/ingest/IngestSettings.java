package dev.ratel.jobs.ingest;

import dev.ratel.formats.cdr.SwitchSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What one ingest run needs.
 *
 * @param home Ratel's state directory (journal, duplicate index)
 * @param format the input format
 * @param asterisk how to read a switch's files (Asterisk or FreeSWITCH; with those formats only)
 * @param clock "now", for the future-timestamp check
 * @param futureTolerance how far in the future a start time may lie (clock skew between switches)
 * @param maxDurationSeconds a longer call is rejected as absurd
 * @param maxVolumeBytes a larger data record is rejected as absurd
 * @param batchLines records per journal batch
 * @param expectedRecords size hint for the duplicate index: it is created for as many records (up to 94
 *     million, 2 GiB) and doubles past 70 % full; a doubling rehashes the whole index, so a run that
 *     knows its volume says so
 */
public record IngestSettings(Path home, CdrFormat format, SwitchSettings asterisk, Clock clock, Duration futureTolerance,
                             long maxDurationSeconds, long maxVolumeBytes, int batchLines, long expectedRecords) {
    public IngestSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (format.fromSwitch() && asterisk == null) {
            throw new IllegalArgumentException(format + " files need the switch's time zone");
        }
        if (batchLines < 1) {
            throw new IllegalArgumentException("batchLines must be at least 1");
        }
    }

    /**
     * Defaults: 1 hour of tolerance, calls up to 24 h, data records up to 1 TiB, 16 384-line batches,
     * a duplicate index created for a million records.
     * A batch is also the rating job's round and one rated excerpt: at 1 024 lines the hand-over
     * between rating threads, the excerpt's dictionary and each commit were paid 16 times as often
     * (measured, 5 M calls: ingest 1.7-1.8 s against 1.55-1.6, end to end 6.0-6.1 s against 5.8).
     * The largest excerpts stay far below Chronicle's 16 MiB: 16 384 records of at most 300 bytes,
     * 4 MiB of rejects at most, and a rated excerpt of about 30 bytes a record with its counters.
     */
    public static IngestSettings defaults(Path home, CdrFormat format, SwitchSettings asterisk) {
        return new IngestSettings(home, format, asterisk, Clock.systemUTC(), Duration.ofHours(1), 86_400, 1L << 40, 16_384, 1_000_000);
    }

    public IngestSettings withClock(Clock clock) {
        return new IngestSettings(home, format, asterisk, clock, futureTolerance, maxDurationSeconds, maxVolumeBytes, batchLines, expectedRecords);
    }

    public IngestSettings withBatchLines(int lines) {
        return new IngestSettings(home, format, asterisk, clock, futureTolerance, maxDurationSeconds, maxVolumeBytes, lines, expectedRecords);
    }

    public IngestSettings withExpectedRecords(long records) {
        return new IngestSettings(home, format, asterisk, clock, futureTolerance, maxDurationSeconds, maxVolumeBytes, batchLines, records);
    }
}
