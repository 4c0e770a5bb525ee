package dev.ratel.jobs.ingest;

import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.RejectReason;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.concurrent.BufferHandover;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks one file a batch ahead of the journal, on a thread of its own: parsing took half
 * of ingest's time on one core while the other waited. The batches are cut exactly where a single
 * thread cut them (a batch's records and rejects reach the batch size, or its rejects 4 MiB), so the
 * journal is the same; the journal's thread takes them in order ({@link #next}), checks them against
 * the duplicate index and commits them. Nothing is committed here: a kill loses only what was read
 * ahead, and the next run reads it again.
 */
final class ReadAhead implements AutoCloseable {
    /** Batches in flight: one being read, one being journalled, one waiting between them. */
    private static final int BUFFERS = 3;

    /** A rejected line, kept until the journal's thread writes it into its batch. */
    record Reject(long line, RejectReason reason, String recordId, String detail, String raw) {
    }

    /** What the reading thread checks a record against: {@code null} when it passes. */
    interface Check {
        Reject check(CdrRecord record, long line, CdrReader reader);
    }

    /** One batch as read: accepted records, rejects, where it starts and where the next one does. */
    static final class Staged {
        final CdrRecord[] records;
        int count;
        final List<Reject> rejects = new ArrayList<>();
        long rejectBytes;
        long firstLine;
        /** The line the batch was cut after; for the file's last batch, 0. */
        long coveredThroughLine;
        /** Lines read into this batch, accepted or not. */
        long read;
        boolean last;
        /** What stopped the reading; thrown on the journal's thread before this batch is committed. */
        Throwable failure;

        Staged(int capacity) {
            records = new CdrRecord[capacity];
            for (int i = 0; i < capacity; i++) {
                records[i] = new CdrRecord();
            }
        }

        void reset(long firstLine) {
            count = 0;
            rejects.clear();
            rejectBytes = 0;
            this.firstLine = firstLine;
            coveredThroughLine = 0;
            read = 0;
            last = false;
            failure = null;
        }

        void reject(Reject reject) {
            rejects.add(reject);
            rejectBytes += UsageJournal.rejectBytes(reject.recordId(), reject.detail(), reject.raw());
        }
    }

    private final BufferHandover<Staged> handover;

    /**
     * Starts reading {@code reader} after line {@code resumeAfter}, cutting batches of {@code batchLines}
     * lines or {@code maxRejectBytes} of rejects.
     */
    ReadAhead(CdrReader reader, long resumeAfter, int batchLines, long maxRejectBytes, Check check) {
        List<Staged> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(new Staged(batchLines));
        }
        handover = new BufferHandover<>(buffers, "ratel-ingest-read",
                self -> read(self, reader, resumeAfter, batchLines, maxRejectBytes, check));
    }

    private static void read(BufferHandover<Staged> handover, CdrReader reader, long resumeAfter, int batchLines, long maxRejectBytes,
                             Check check) {
        Staged staged;
        try {
            staged = handover.takeFree();
        } catch (InterruptedException e) {
            return;
        }
        staged.reset(resumeAfter + 1);
        try {
            while (!handover.closed()) {
                CdrRecord record = staged.records[staged.count];
                CdrReader.Result result;
                try {
                    result = reader.next(record);
                } catch (java.util.zip.ZipException | java.io.EOFException | dev.ratel.formats.cdr.DamagedFileException damaged) {
                    // verified whole before reading (Ingest.damage), so the file changed since: what came
                    // before is kept, the damage is one reject naming where it starts, and the run goes on
                    staged.reject(new Reject(Math.max(reader.line(), resumeAfter) + 1, RejectReason.CORRUPT_FILE, "",
                            damaged.getClass().getSimpleName() + ": " + damaged.getMessage(), ""));
                    staged.read++;
                    break;
                }
                if (result == CdrReader.Result.END) {
                    break;
                }
                long line = reader.line();
                if (line <= resumeAfter) {
                    continue;
                }
                if (result == CdrReader.Result.REJECTED) {
                    staged.reject(new Reject(line, reader.rejectReason(), reader.rejectedRecordId(), reader.rejectDetail(), reader.rawText()));
                } else {
                    Reject reject = check.check(record, line, reader);
                    if (reject != null) {
                        staged.reject(reject);
                    } else {
                        staged.count++;
                    }
                }
                staged.read++;
                if (staged.count + staged.rejects.size() >= batchLines || staged.rejectBytes >= maxRejectBytes) {
                    staged.coveredThroughLine = line;
                    handover.handOver(staged);
                    staged = handover.takeFree();
                    staged.reset(line + 1);
                }
            }
        } catch (InterruptedException e) {
            return;
        } catch (Throwable failure) {
            staged.failure = failure;
        }
        staged.last = true;
        try {
            handover.handOver(staged);
        } catch (InterruptedException e) {
            // closed while handing over the last batch: nobody waits for it
        }
    }

    /** The next batch, in file order; its {@code last} flag marks the file's end. */
    Staged next() throws InterruptedException {
        return handover.takeFull();
    }

    /** Gives a batch's buffers back once it is journalled. */
    void recycle(Staged staged) {
        handover.recycle(staged);
    }

    @Override
    public void close() {
        handover.close();
    }
}
