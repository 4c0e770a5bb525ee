package dev.ratel.jobs.rate;

import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.rating.CounterStore;
import dev.ratel.core.rating.PeriodBalances;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingOutcome;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import dev.ratel.formats.cdr.CdrRecord;

/**
 * Rates one journal record: finds the charged number's account, kind and plan as of the record's
 * start, the plan version in force then and the period in the plan's zone, marks calls inside the
 * account's closed group, and rates the event against the counters. The decision and its deltas
 * are left in this object; {@link #apply()} moves the counters, and the rating job calls it only
 * after it has journalled the decision. Reused for every record; allocates nothing per record.
 */
public final class RecordRater {
    /**
     * How rating a record ended; everything but {@link #RATED} is a reject with that reason. Each has the
     * fixed code the rated journal keeps (its layout lists them): never reuse or renumber one.
     */
    public enum Outcome {
        RATED(0, "rated"),
        UNKNOWN_NUMBER(1, "the charged number is in no account of numbers.csv"),
        NUMBER_NOT_ACTIVE(2, "the number was not held by any account (active_from .. active_to) at the record's start"),
        NO_PLAN_VERSION(3, "no version of the plan the number was held on was in force at the record's start"),
        NO_RULE(4, "no rule of the plan rates this kind of usage to this destination"),
        REFUSED(5, "the plan refuses usage past its allowances"),
        NO_EXCHANGE_RATE(6, "the rate is in another currency and no exchange rate was in force that day");

        private static final Outcome[] BY_CODE = new Outcome[7];

        static {
            for (Outcome outcome : values()) {
                if (BY_CODE[outcome.code] != null) {
                    throw new ExceptionInInitializerError("two outcomes share code " + outcome.code);
                }
                BY_CODE[outcome.code] = outcome;
            }
        }

        private final byte code;
        private final String description;

        Outcome(int code, String description) {
            this.code = (byte) code;
            this.description = description;
        }

        /** The byte the rated journal keeps. */
        public byte code() {
            return code;
        }

        /** The outcome a journalled code stands for. */
        public static Outcome ofCode(byte code) {
            Outcome outcome = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
            if (outcome == null) {
                throw new IllegalStateException("a rated decision holds the unknown outcome code " + code);
            }
            return outcome;
        }

        public String description() {
            return description;
        }
    }

    private final NumberDirectory directory;
    private final Rater rater;
    private final CounterStore counters;
    private final UsageEvent event = new UsageEvent();
    private final PeriodBalances balances = new PeriodBalances();
    private final RatingResult result = new RatingResult();
    private Outcome outcome;
    private int entry;
    private TariffPlan plan;
    private int versionIndex;
    private int period;
    private int ownPeriod;
    private boolean late;
    private final java.util.BitSet closedPeriods;
    private final int firstClosedPeriod;

    public RecordRater(NumberDirectory directory, Rater rater, CounterStore counters) {
        this(directory, rater, counters, java.util.Set.of());
    }

    /**
     * @param closedPeriods periods ({@code year * 12 + month - 1}) already invoiced: usage of one is billed in
     *     the next open period, marked late, and drawn on its own period's allowances as they were left
     */
    public RecordRater(NumberDirectory directory, Rater rater, CounterStore counters, java.util.Set<Integer> closedPeriods) {
        this.directory = directory;
        this.rater = rater;
        this.counters = counters;
        this.firstClosedPeriod = closedPeriods.stream().mapToInt(Integer::intValue).min().orElse(0);
        this.closedPeriods = new java.util.BitSet();
        for (int closed : closedPeriods) {
            this.closedPeriods.set(closed - firstClosedPeriod);
        }
    }

    public Outcome rate(CdrRecord record) {
        return rate(record, directory.find(record.subscriber, record.startEpochMillis));
    }

    /** Rates the record whose charged number the caller already looked up: {@code found} is {@link NumberDirectory#find}'s answer. */
    Outcome rate(CdrRecord record, int found) {
        plan = null;
        versionIndex = -1;
        entry = found;
        if (entry == NumberDirectory.UNKNOWN_NUMBER) {
            return outcome = Outcome.UNKNOWN_NUMBER;
        }
        if (entry == NumberDirectory.NOT_ACTIVE) {
            return outcome = Outcome.NUMBER_NOT_ACTIVE;
        }
        plan = directory.plan(entry);
        versionIndex = plan.versionIndexAt(record.startEpochMillis);
        if (versionIndex < 0) {
            return outcome = Outcome.NO_PLAN_VERSION;
        }
        period = CivilDates.periodOfEpochDay(plan.zoneOffsets().localEpochDay(record.startEpochMillis));
        ownPeriod = period;
        late = false;
        while (period >= firstClosedPeriod && closedPeriods.get(period - firstClosedPeriod)) {
            period++;
            late = true;
        }
        switch (record.service) {
            case VOICE:
                event.voice(record.direction, directory.kind(entry), record.subscriber, record.otherParty,
                        record.startEpochMillis, record.durationSeconds);
                break;
            case SMS:
                event.sms(directory.kind(entry), record.subscriber, record.otherParty, record.startEpochMillis,
                        record.smsChars, record.smsEncoding);
                event.direction = record.direction;
                break;
            default:
                event.data(directory.kind(entry), record.subscriber, record.startEpochMillis, record.volumeBytes);
                event.direction = record.direction;
        }
        if (record.service != Service.DATA && record.otherParty > 0) {
            event.otherPartyInAccount = directory.sameAccount(entry, record.otherParty, record.startEpochMillis);
        }
        var table = plan.ratingTable(versionIndex);
        // a late record draws on its own month's allowances, as that month left them, and is billed in the next open one
        balances.of(counters, table, directory.bucketCodes(entry, versionIndex), directory.holdingOwner(entry),
                directory.poolOwner(entry), ownPeriod);
        RatingOutcome rated = rater.rate(table, event, balances, result);
        switch (rated) {
            case RATED: return outcome = Outcome.RATED;
            case NO_RULE: return outcome = Outcome.NO_RULE;
            case REFUSED: return outcome = Outcome.REFUSED;
            default: return outcome = Outcome.NO_EXCHANGE_RATE;
        }
    }

    /** Moves the counters by the last decision's deltas. */
    public void apply() {
        if (outcome == Outcome.RATED) {
            balances.apply(result);
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The last decision's rating (valid after {@link Outcome#RATED}, {@link Outcome#NO_RULE} ...). */
    public RatingResult result() {
        return result;
    }

    public TariffPlan plan() {
        return plan;
    }

    public int versionIndex() {
        return versionIndex;
    }

    /**
     * The period (year * 12 + month - 1) the record is billed in: its own in its plan's zone, or for
     * late usage the first open period after it.
     */
    public int period() {
        return period;
    }

    /** Whether the record's own period was closed, so it was rated in a later one. */
    public boolean late() {
        return late;
    }

    public int accountIndex() {
        return directory.accountIndex(entry);
    }

    /** The owner code of the last decision's i-th delta (the number on its subscription, or the subscription's pool). */
    public long deltaOwner(int i) {
        return balances.ownerOf(result.deltaBucket[i]);
    }

    /** The durable bucket code of the last decision's i-th delta. */
    public int deltaBucketCode(int i) {
        return balances.codeOf(result.deltaBucket[i]);
    }

    /** The period whose allowances the last decision drew on: the record's own, also when it is late. */
    public int allowancePeriod() {
        return ownPeriod;
    }
}
