package dev.ratel.jobs.rate;

import dev.ratel.core.rating.Service;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.csv.SafeCsvPrinter;
import dev.ratel.formats.journal.FileEntry;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.home.ReportFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Writes the records that rating refused to {@code HOME/reports/rate-FIRST-rejects.csv}, with the
 * contract's columns ({@code source_file, line, record_id, reason_code, reason, raw}; {@code raw}
 * is the record in canonical CSV). It covers every rated excerpt after {@code HOME/reports/rate-rejects.done},
 * so the rejects of a run killed before it wrote its file are written by the next; the file is named
 * by the first excerpt it covers, so a repeated attempt replaces it rather than adding a second one.
 */
final class RatingRejects {
    private RatingRejects() {
    }

    /**
     * Writes the file; returns it, or null when nothing was rejected since the last one.
     *
     * @param ratedBeforeRun the last rated excerpt before this run began ({@link Long#MIN_VALUE} for none)
     * @param runRejected whether this run rejected any record
     */
    static Path write(Path home, UsageJournal usage, RatedJournal rated, JournalCursor cursor, long ratedBeforeRun,
                      boolean runRejected) throws IOException {
        Path reports = Files.createDirectories(dev.ratel.jobs.home.HomeLayout.reports(home));
        Path done = reports.resolve("rate-rejects.done");
        long after = Files.exists(done) ? Long.parseLong(Files.readString(done).trim()) : Long.MIN_VALUE;
        RatedJournal.LastBatch newest = rated.last();
        if (after == ratedBeforeRun && !runRejected) {
            // everything before this run was reported, and this run rejected nothing: no need to read it back
            if (newest != null && newest.ratedIndex() != after) {
                advance(reports, done, newest.ratedIndex());
            }
            return null;
        }
        RatedBatch batch = new RatedBatch();
        CdrRecord record = new CdrRecord();
        long first = Long.MIN_VALUE;
        long last = after;
        Path temporary = ReportFiles.temporaryIn(reports, ".rate-rejects-", ".csv.tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
             SafeCsvPrinter printer = new SafeCsvPrinter(writer, "source_file", "line", "record_id", "reason_code", "reason", "raw");
             RatedJournal.Reader reader = rated.readAfter(after)) {
            while (reader.next(batch)) {
                long index = reader.index();
                if (first == Long.MIN_VALUE) {
                    first = index;
                }
                last = index;
                if (!hasRejects(batch) || !cursor.moveTo(batch.sourceIndex) || !cursor.nextBatch()) {
                    continue;
                }
                FileEntry file = usage.file(cursor.fileId());
                for (int i = 0; i < batch.records && cursor.nextRecord(record); i++) {
                    if (batch.outcome[i] == RecordRater.Outcome.RATED.code()) {
                        continue;
                    }
                    RecordRater.Outcome outcome = RecordRater.Outcome.ofCode(batch.outcome[i]);
                    printer.printRecord(file == null ? "" : file.path, record.line, record.recordIdText(), outcome.name(),
                            outcome.description(), canonical(record));
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        if (first == Long.MIN_VALUE) {
            Files.delete(temporary);
            return null;
        }
        Path target = reports.resolve("rate-" + Long.toHexString(first) + "-rejects.csv");
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        advance(reports, done, last);
        return target;
    }

    private static void advance(Path reports, Path done, long last) throws IOException {
        Path next = reports.resolve("rate-rejects.done.tmp");
        Files.writeString(next, Long.toString(last));
        Files.move(next, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean hasRejects(RatedBatch batch) {
        for (int i = 0; i < batch.records; i++) {
            if (batch.outcome[i] != RecordRater.Outcome.RATED.code()) {
                return true;
            }
        }
        return false;
    }

    /** The record as a canonical CSV line (its source line is in the ingest journal's file). */
    private static String canonical(CdrRecord r) {
        String quantity = r.service == Service.VOICE ? r.durationSeconds + ",," : r.service == Service.DATA
                ? "," + r.volumeBytes + "," : ",," + r.smsChars + "," + r.smsEncoding;
        return r.recordIdText() + "," + r.sourceText() + "," + r.service + "," + r.direction + "," + r.subscriber + ","
                + (r.otherParty > 0 ? Long.toString(r.otherParty) : "") + "," + Instant.ofEpochMilli(r.startEpochMillis) + "," + quantity
                + (r.service == Service.SMS ? "" : ",");
    }
}
