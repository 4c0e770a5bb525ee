package dev.ratel.jobs.ingest;

import dev.ratel.formats.cdr.AsteriskCsvReader;
import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.ParquetCdrReader;
import dev.ratel.formats.cdr.RejectReason;
import dev.ratel.formats.csv.SafeCsvPrinter;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.JournalLayout;
import dev.ratel.formats.journal.SeenRecords;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.home.HomeLock;
import dev.ratel.jobs.home.ReportFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Takes CDR files into the usage journal: each record is accepted, rejected with a reason, or
 * counted as a duplicate of one the journal already holds, and {@code read = accepted + rejected +
 * duplicates} holds for every file. Killed at any moment, a second run resumes each unfinished file
 * after its last committed batch, so the journal holds every record exactly once.
 *
 * <p>Files whose header is unreadable stop the run before any of them is taken (exit code 2 in the
 * CLI). The rejects of the run's files are written to {@code rejects.csv} at the end, from the journal.
 */
public final class Ingest {
    private static final long MIN_START_EPOCH_MILLIS = 946_684_800_000L; // 2000-01-01T00:00Z
    private static final long MAX_BATCH_BYTES = 4L << 20;

    private final IngestSettings settings;

    public Ingest(IngestSettings settings) {
        this.settings = settings;
    }

    /**
     * Ingests the files and directories given and writes the run's rejects to {@code rejectsFile}
     * (null: {@code HOME/reports/ingest-RUN-rejects.csv}).
     *
     * @param progress told the number of records read so far, now and then
     */
    public IngestSummary run(List<Path> inputs, Path rejectsFile, LongConsumer progress) throws IOException {
        long started = System.currentTimeMillis();
        List<Path> files = new ArrayList<>();
        List<IngestSummary.SkippedFile> skipped = new ArrayList<>();
        for (Path file : CdrInputs.list(inputs)) {
            if (Files.size(file) == 0) {
                skipped.add(new IngestSummary.SkippedFile(file.toAbsolutePath().normalize().toString(),
                        "empty: no header and no records; taken by a later run once it has content"));
                continue;
            }
            checkReadable(file);
            files.add(file);
        }
        try (HomeLock lock = HomeLock.acquire(settings.home());
             UsageJournal journal = UsageJournal.open(dev.ratel.jobs.home.HomeLayout.journal(settings.home()));
             SeenRecords seen = SeenRecords.open(dev.ratel.jobs.home.HomeLayout.seen(settings.home()), settings.expectedRecords(), journal)) {
            long run = journal.startRun(settings.clock().millis());
            RunState state = new RunState(journal, seen, run, progress, settings);
            List<IngestSummary.FileSummary> summaries = new ArrayList<>();
            Set<Integer> fileIds = new HashSet<>();
            for (Path file : files) {
                summaries.add(ingestFile(file, state, fileIds));
            }
            if (rejectsFile == null) {
                rejectsFile = settings.home().resolve("reports").resolve("ingest-" + run + "-rejects.csv");
            }
            long read = 0;
            long accepted = 0;
            long rejected = 0;
            long duplicates = 0;
            for (IngestSummary.FileSummary s : summaries) {
                read += s.read();
                accepted += s.accepted();
                rejected += s.rejected();
                duplicates += s.duplicates();
            }
            // the files' counts include batches of an earlier run that a resumed file began with: none
            // rejected means no journal batch holds a reject of these files, and the journal is not read
            Map<String, Long> byReason = writeRejects(journal, rejected > 0 ? fileIds : Set.of(), rejectsFile);
            return new IngestSummary(run, read, accepted, rejected, duplicates, byReason, summaries, skipped, rejectsFile,
                    System.currentTimeMillis() - started);
        }
    }

    private void checkReadable(Path file) throws IOException {
        try (CdrReader reader = open(file)) {
            // opening reads and checks the header
        }
    }

    private CdrReader open(Path file) throws IOException {
        if (settings.format() == CdrFormat.PARQUET) {
            return new ParquetCdrReader(file);
        }
        InputStream in = null;
        try {
            in = CdrInputs.open(file);
            switch (settings.format()) {
                case ASTERISK:
                    return new AsteriskCsvReader(in, settings.asterisk());
                case FREESWITCH:
                    return new dev.ratel.formats.cdr.FreeswitchCsvReader(in, settings.asterisk());
                case BER:
                    return new dev.ratel.formats.cdr.BerCdrReader(in, settings.asterisk());
                default:
                    return new CanonicalCsvReader(in, file.toString());
            }
        } catch (java.util.zip.ZipException | java.io.EOFException damaged) {
            // damaged before its first record (a gzip cut in its header): the file becomes one CORRUPT_FILE
            // reject when it is read, and the other files are still taken
            if (in != null) {
                in.close();
            }
            return new DamagedFile(damaged);
        } catch (IOException | RuntimeException e) {
            if (in != null) {
                in.close();
            }
            throw e;
        }
    }

    /** A file whose compression is damaged from its start: reading it reports the damage. */
    private record DamagedFile(IOException damage) implements CdrReader {
        @Override
        public Result next(CdrRecord record) throws IOException {
            throw damage;
        }

        @Override
        public RejectReason rejectReason() {
            return null;
        }

        @Override
        public String rejectDetail() {
            return null;
        }

        @Override
        public String rejectedRecordId() {
            return null;
        }

        @Override
        public long line() {
            return 0;
        }

        @Override
        public String rawText() {
            return "";
        }

        @Override
        public void close() {
        }
    }

    private IngestSummary.FileSummary ingestFile(Path file, RunState state, Set<Integer> fileIds) throws IOException {
        String path = file.toAbsolutePath().normalize().toString();
        long size = Files.size(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        UsageJournal journal = state.journal;
        FileEntry entry = journal.unfinished(path, size, modified);
        boolean resumed = entry != null;
        if (entry == null) {
            entry = journal.registerFile(state.run, path, size, modified, (byte) settings.format().ordinal());
        }
        fileIds.add(entry.fileId);
        long resumeAfter = entry.lastLine();
        UsageJournal.BatchWriter batch = state.batch;
        long nowMillis = settings.clock().millis();
        long latestStart = nowMillis + settings.futureTolerance().toMillis();
        ReadAhead.Check check = (record, line, reader) -> {
            RejectReason reason = check(record, latestStart);
            return reason == null ? null : new ReadAhead.Reject(line, reason, record.recordIdText(), detail(reason, record), reader.rawText());
        };
        CdrInputs.Damage damage = damage(file);
        if (damage != null) {
            batch.begin(entry, resumeAfter + 1);
            batch.reject(damage.line(), RejectReason.CORRUPT_FILE, "", damage.describe(), "");
            batch.commit(state.nextSequence(), 0);
            state.read++;
            return fileDone(entry, path, resumed, state);
        }
        try (CdrReader reader = open(file);
             ReadAhead ahead = new ReadAhead(reader, resumeAfter, settings.batchLines(), MAX_BATCH_BYTES, check)) {
            long sequence = state.nextSequence();
            while (true) {
                ReadAhead.Staged staged = ahead.next();
                batch.begin(entry, staged.firstLine);
                for (ReadAhead.Reject reject : staged.rejects) {
                    batch.reject(reject.line(), reject.reason(), reject.recordId(), reject.detail(), reject.raw());
                }
                state.read += staged.read;
                rethrow(staged.failure);
                if (!staged.last) {
                    takeOrCountDuplicates(state, staged.records, staged.count, sequence);
                    batch.commit(sequence, staged.coveredThroughLine);
                    sequence = state.nextSequence();
                    ahead.recycle(staged);
                    state.progress.accept(state.read);
                    continue;
                }
                if (staged.count > 0 || !batch.isEmpty()) {
                    takeOrCountDuplicates(state, staged.records, staged.count, sequence);
                    batch.commit(sequence, 0);
                }
                break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("ingest of " + file + " interrupted");
        }
        return fileDone(entry, path, resumed, state);
    }

    /** What is damaged in a file, read through before any of its records is taken; null when it is whole. */
    private CdrInputs.Damage damage(Path file) throws IOException {
        if (settings.format() == CdrFormat.PARQUET) {
            String damage = ParquetCdrReader.verify(file);
            return damage == null ? null : new CdrInputs.Damage(1, damage);
        }
        return CdrInputs.verify(file);
    }

    private static IngestSummary.FileSummary fileDone(FileEntry entry, String path, boolean resumed, RunState state) throws IOException {
        state.journal.fileDone(entry);
        state.progress.accept(state.read);
        long read = entry.accepted() + entry.rejected() + entry.duplicates();
        return new IngestSummary.FileSummary(path, read, entry.accepted(), entry.rejected(), entry.duplicates(), resumed);
    }

    /** What stopped the reading thread, thrown here as it was thrown there. */
    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    /** Checks the staged records against the index in one go and adds them to the batch as records or duplicates. */
    private static void takeOrCountDuplicates(RunState state, CdrRecord[] records, int count, long sequence) throws IOException {
        state.seen.markSeen(records, count, sequence, state.duplicate);
        for (int i = 0; i < count; i++) {
            CdrRecord record = records[i];
            if (state.duplicate[i]) {
                state.batch.duplicate(record.line);
            } else {
                state.batch.accept(record, state.journal.sourceId(record.source, record.sourceLength));
            }
        }
    }

    private RejectReason check(CdrRecord record, long latestStart) {
        if (record.startEpochMillis < MIN_START_EPOCH_MILLIS) {
            return RejectReason.BAD_TIMESTAMP;
        }
        if (record.startEpochMillis > latestStart) {
            return RejectReason.FUTURE_TIMESTAMP;
        }
        if (record.durationSeconds > settings.maxDurationSeconds() || record.volumeBytes > settings.maxVolumeBytes()) {
            return RejectReason.BAD_DURATION;
        }
        return null;
    }

    private String detail(RejectReason reason, CdrRecord record) {
        switch (reason) {
            case BAD_TIMESTAMP:
                return "start " + java.time.Instant.ofEpochMilli(record.startEpochMillis) + " lies before 2000-01-01";
            case FUTURE_TIMESTAMP:
                return "start " + java.time.Instant.ofEpochMilli(record.startEpochMillis) + " lies more than "
                        + settings.futureTolerance() + " after now (" + settings.clock().instant() + ")";
            default:
                return record.durationSeconds > settings.maxDurationSeconds()
                        ? "duration " + record.durationSeconds + " s exceeds " + settings.maxDurationSeconds() + " s"
                        : "volume " + record.volumeBytes + " bytes exceeds " + settings.maxVolumeBytes() + " bytes";
        }
    }

    /**
     * Writes {@code source_file, line, record_id, reason_code, reason, raw} for every reject of the
     * run's files, in journal order, to a temporary name and then into place.
     */
    private static Map<String, Long> writeRejects(UsageJournal journal, Set<Integer> fileIds, Path rejectsFile) throws IOException {
        Map<String, Long> byReason = new TreeMap<>();
        Path temporary = ReportFiles.temporaryIn(rejectsFile.toAbsolutePath().getParent(), ".rejects-", ".csv.tmp");
        Map<Integer, String> names = new HashMap<>();
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             SafeCsvPrinter printer = new SafeCsvPrinter(writer, "source_file", "line", "record_id", "reason_code", "reason", "raw");
             JournalCursor cursor = journal.cursor()) {
            while (!fileIds.isEmpty() && cursor.nextBatch()) {
                if (!fileIds.contains(cursor.fileId())) {
                    continue;
                }
                String name = names.computeIfAbsent(cursor.fileId(), id -> journal.file(id).path);
                while (cursor.nextReject()) {
                    byReason.merge(cursor.rejectReason().name(), 1L, Long::sum);
                    printer.printRecord(name, cursor.rejectLine(), cursor.rejectRecordId(), cursor.rejectReason().name(),
                            cursor.rejectDetail(), cursor.rejectRaw());
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, rejectsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return byReason;
    }

    /** The state one run carries from file to file. */
    private static final class RunState {
        final UsageJournal journal;
        final SeenRecords seen;
        final long run;
        final LongConsumer progress;
        final UsageJournal.BatchWriter batch;
        final boolean[] duplicate;
        long batches;
        long read;

        RunState(UsageJournal journal, SeenRecords seen, long run, LongConsumer progress, IngestSettings settings) {
            this.journal = journal;
            this.seen = seen;
            this.run = run;
            this.progress = progress;
            this.batch = journal.batchWriter();
            this.duplicate = new boolean[settings.batchLines()];
        }

        long nextSequence() {
            return JournalLayout.batchSequence(run, ++batches);
        }
    }
}
