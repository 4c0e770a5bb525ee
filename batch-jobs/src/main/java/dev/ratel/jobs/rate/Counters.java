package dev.ratel.jobs.rate;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.jobs.home.HomeLayout;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.journal.RatedBatch;
import dev.ratel.formats.journal.RatedJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The allowance counters of a home, opened so that a crash never leaves them unusable: counters a
 * killed run left open are rebuilt from the rated journal, which holds every changed counter's value
 * after each batch. Setting them excerpt by excerpt, in order, ends with each counter as its last
 * batch left it; that is the state an uninterrupted run reaches.
 */
public final class Counters {
    private Counters() {
    }

    /**
     * Opens {@code HOME/counters} for the numbers of {@code reference}, rebuilding them from
     * {@code HOME/rated} when they were left open.
     */
    public static MappedCounterStore open(Path home, ReferenceData reference) throws IOException {
        return open(home, reference.holdingCount());
    }

    /** As {@link #open(Path, ReferenceData)}, for a home of {@code numbers} numbers. */
    public static MappedCounterStore open(Path home, long numbers) throws IOException {
        // a number on a subscription holds a few counters a period (minutes, SMS, data; its subscription's pools);
        // sized for four at first; the table doubles as a home gathers periods
        return MappedCounterStore.open(HomeLayout.counters(home), Math.max(10_000, numbers * 4),
                empty -> rebuild(HomeLayout.rated(home), empty));
    }

    /** Sets every counter the rated journal under {@code ratedDirectory} records, in journal order. */
    static void rebuild(Path ratedDirectory, MappedCounterStore empty) {
        if (!Files.isDirectory(ratedDirectory)) {
            return;
        }
        try (RatedJournal rated = RatedJournal.open(ratedDirectory); RatedJournal.Reader reader = rated.readAfter(Long.MIN_VALUE)) {
            RatedBatch batch = new RatedBatch();
            while (reader.next(batch)) {
                for (int i = 0; i < batch.counters; i++) {
                    empty.set(batch.counterOwner[i], batch.counterBucket[i], batch.counterPeriod[i], batch.counterUsed[i], reader.index());
                }
            }
        }
    }
}
