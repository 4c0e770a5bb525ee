package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.state.MappedCounterStore;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.journal.RatedBatch;
import java.util.Set;

/**
 * One slice of the accounts ({@code account index % slices}; records of unknown numbers go to slice
 * 0), rated by whichever thread claims it in a round. Accounts, and so the numbers and pools whose
 * counters they draw on, never span two slices, so slices rate side by side without sharing a
 * counter, and each record's decision is the same whatever the number of threads. Decisions go into
 * the batch's shared arrays at the record's position; nothing else is shared.
 */
final class RatingPartition {
    private final RecordRater rater;
    private final BatchCounters counters;

    RatingPartition(NumberDirectory directory, ExchangeRates exchangeRates, MappedCounterStore store, Set<Integer> closedPeriods) {
        // one slice's accounts own their subscriptions, and so every counter owner the slice draws on
        this.counters = new BatchCounters(store);
        this.rater = new RecordRater(directory, new Rater(exchangeRates), counters, closedPeriods);
    }

    BatchCounters counters() {
        return counters;
    }

    /** Rates record {@code i} of the batch, whose number is directory entry {@code entry}, into {@code decisions}. */
    void rate(CdrRecord record, int entry, int i, Decisions decisions) {
        RecordRater.Outcome outcome = rater.rate(record, entry);
        rater.apply();
        boolean rated = outcome == RecordRater.Outcome.RATED;
        RatingResult result = rater.result();
        decisions.outcome[i] = outcome.code();
        decisions.account[i] = rated ? rater.accountIndex() : -1;
        decisions.plan[i] = rater.plan();
        decisions.destinationClass[i] = rated ? result.destinationClass : -1;
        decisions.chargeCode[i] = rated ? rater.plan().ratingTable(rater.versionIndex()).rule(result.ruleIndex).chargeCode() : null;
        decisions.period[i] = rated ? rater.period() : 0;
        decisions.amountScaled[i] = rated ? result.amountScaled : 0;
        decisions.billedUnits[i] = rated ? result.billedUnits : 0;
        decisions.allowanceUnits[i] = rated ? result.allowanceUnits : 0;
        decisions.chargedUnits[i] = rated ? result.chargedUnits : 0;
        decisions.flags[i] = (byte) ((rated && result.throttled ? RatedBatch.THROTTLED : 0) | (rated && rater.late() ? RatedBatch.LATE : 0));
    }

    /** A batch's decisions by record position, filled by the partitions and journalled in record order. */
    static final class Decisions {
        byte[] outcome = new byte[0];
        int[] account = new int[0];
        dev.ratel.core.tariff.TariffPlan[] plan = new dev.ratel.core.tariff.TariffPlan[0];
        int[] destinationClass = new int[0];
        /** The code of the rule that rated the record (the rule's own string, not a copy), null if not rated. */
        String[] chargeCode = new String[0];
        int[] period = new int[0];
        long[] amountScaled = new long[0];
        long[] billedUnits = new long[0];
        long[] allowanceUnits = new long[0];
        long[] chargedUnits = new long[0];
        byte[] flags = new byte[0];

        void ensure(int n) {
            if (outcome.length < n) {
                outcome = new byte[n];
                account = new int[n];
                plan = new dev.ratel.core.tariff.TariffPlan[n];
                destinationClass = new int[n];
                chargeCode = new String[n];
                period = new int[n];
                amountScaled = new long[n];
                billedUnits = new long[n];
                allowanceUnits = new long[n];
                chargedUnits = new long[n];
                flags = new byte[n];
            }
        }
    }
}
