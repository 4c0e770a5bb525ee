package dev.ratel.jobs.rate;

import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.JournalCursor;
import dev.ratel.formats.journal.UsageJournal;
import dev.ratel.jobs.concurrent.BufferHandover;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the usage journal's batches a batch ahead of rating, on a thread of its own. Rating hands a
 * batch's records back as soon as its round is done; while the rating thread encodes and journals
 * the decisions (the other core idle), this thread reads the next batch, which the rating thread
 * used to read itself before every round (a fifth of its serial time). Nothing is committed here:
 * rating's position is the rated journal's last excerpt, whatever was read ahead.
 */
final class UsageReadAhead implements AutoCloseable {
    /** Batches in flight: one being rated, one being read, one waiting between them. */
    private static final int BUFFERS = 3;

    /** One usage batch's accepted records; {@code end} marks the journal's end (or what stopped the reading). */
    static final class Batch {
        long sourceIndex;
        int count;
        CdrRecord[] records = new CdrRecord[0];
        boolean end;
        Throwable failure;
    }

    private final BufferHandover<Batch> handover;

    /**
     * Starts reading {@code usage} after its batch {@code afterIndex} ({@code null}: from the start),
     * through a cursor of the reading thread's own (Chronicle's tailers belong to one thread).
     */
    UsageReadAhead(UsageJournal usage, Long afterIndex) {
        List<Batch> buffers = new ArrayList<>();
        for (int i = 0; i < BUFFERS; i++) {
            buffers.add(new Batch());
        }
        handover = new BufferHandover<>(buffers, "ratel-rate-read", self -> read(self, usage, afterIndex));
    }

    private static void read(BufferHandover<Batch> handover, UsageJournal usage, Long afterIndex) {
        try (JournalCursor cursor = usage.cursor()) {
            if (afterIndex != null) {
                cursor.startAfter(afterIndex);
            }
            while (!handover.closed()) {
                Batch batch = handover.takeFree();
                try {
                    batch.end = !cursor.nextBatch();
                    if (!batch.end) {
                        batch.sourceIndex = cursor.index();
                        batch.count = readRecords(cursor, batch);
                    }
                } catch (RuntimeException | Error failure) {
                    batch.failure = failure;
                    batch.end = true;
                }
                handover.handOver(batch);
                if (batch.end) {
                    return;
                }
            }
        } catch (InterruptedException closing) {
            // closed while waiting for a free batch or handing one over: nobody reads further
        } catch (RuntimeException | Error failure) {
            // the cursor could not be opened (or closed): the rating thread, waiting for a batch, rethrows it
            try {
                Batch batch = handover.takeFree();
                batch.failure = failure;
                batch.end = true;
                handover.handOver(batch);
            } catch (InterruptedException closing) {
                // closed meanwhile: nobody waits for it
            }
        }
    }

    /** Reads the cursor's batch into {@code batch.records}, growing it as needed; returns the record count. */
    private static int readRecords(JournalCursor cursor, Batch batch) {
        int count = 0;
        while (true) {
            if (count == batch.records.length) {
                CdrRecord[] grown = Arrays.copyOf(batch.records, Math.max(1024, batch.records.length * 2));
                for (int i = count; i < grown.length; i++) {
                    grown[i] = new CdrRecord();
                }
                batch.records = grown;
            }
            if (!cursor.nextRecord(batch.records[count])) {
                return count;
            }
            count++;
        }
    }

    /** The next batch in journal order, or null at the journal's end; rethrows what stopped the reading. */
    Batch next() throws InterruptedIOException {
        Batch batch;
        try {
            batch = handover.takeFull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("rating interrupted while reading the usage journal");
        }
        if (batch.failure instanceof RuntimeException failure) {
            throw failure;
        }
        if (batch.failure instanceof Error failure) {
            throw failure;
        }
        return batch.end ? null : batch;
    }

    /** Gives a batch's records back once its round is rated. */
    void recycle(Batch batch) {
        handover.recycle(batch);
    }

    @Override
    public void close() {
        handover.close();
    }
}
