package dev.ratel.core.rating;

import dev.ratel.core.money.Currency;
import dev.ratel.core.tariff.RatingTable;

/**
 * The rater's decision for one event: a mutable flyweight reused across events. Amounts are
 * scaled money ({@link dev.ratel.core.money.Money#SCALE}) in the plan's currency, tax as the
 * plan states its prices. The deltas say how much each bucket gave; applying them is the caller's
 * job, after it has journalled them.
 */
public final class RatingResult {
    public RatingOutcome outcome;
    public int ruleIndex;
    public int destinationClass;
    /** Raw units of the event: seconds, SMS parts or bytes. */
    public long rawUnits;
    /** Units after the rule's increments. */
    public long billedUnits;
    /**
     * Of the billed units, those drawn from allowances: unit allowances, and the units whose price a money allowance paid
     * (in proportion, when it paid part of the event's price).
     */
    public long allowanceUnits;
    /** Of the billed units, the others: those the rule priced and the customer owes, made free or throttled. */
    public long chargedUnits;
    /** Price per rate unit used (scaled, rate currency), 0 when nothing was priced. */
    public long unitPriceScaled;
    /** What the customer owes for the event, after money allowances (scaled, plan currency). */
    public long amountScaled;
    /** Paid from money allowances (scaled, plan currency). */
    public long moneyAllowanceScaled;
    public Currency currency;
    public boolean throttled;
    public int deltaCount;
    public final int[] deltaBucket = new int[RatingTable.MAX_BUCKETS_PER_RULE];
    public final long[] deltaUnits = new long[RatingTable.MAX_BUCKETS_PER_RULE];

    void reset(Currency planCurrency) {
        outcome = RatingOutcome.RATED;
        ruleIndex = RatingTable.NO_RULE;
        destinationClass = -1;
        rawUnits = 0;
        billedUnits = 0;
        allowanceUnits = 0;
        chargedUnits = 0;
        unitPriceScaled = 0;
        amountScaled = 0;
        moneyAllowanceScaled = 0;
        currency = planCurrency;
        throttled = false;
        deltaCount = 0;
    }

    void addDelta(int bucket, long units) {
        deltaBucket[deltaCount] = bucket;
        deltaUnits[deltaCount] = units;
        deltaCount++;
    }
}
