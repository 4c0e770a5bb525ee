package dev.ratel.core.rating;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.DayKind;
import dev.ratel.core.tariff.Rate;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tariff.WhenExhausted;
import dev.ratel.core.time.ZoneOffsetTable;

/**
 * Rates one usage event against a plan version: classify the other party, find the first rule
 * that matches, round the usage by the rule's increments, draw on its unit buckets in order, price
 * what they do not cover (time-of-day variant, connect fee, conversion to the plan's currency at the
 * usage day's rate), let money buckets pay what they can, and report it all in a
 * {@link RatingResult}.
 *
 * <p>Allocates nothing per event; stateless and safe to share between threads.
 */
public final class Rater {
    private final ExchangeRates exchangeRates;

    public Rater(ExchangeRates exchangeRates) {
        this.exchangeRates = exchangeRates;
    }

    /**
     * Rates the event by the plan version {@code table} (the caller found it with
     * {@link TariffPlan#versionIndexAt}). Buckets are read from {@code balances}, never changed.
     *
     * @return the outcome, also in {@code out.outcome}
     */
    public RatingOutcome rate(RatingTable table, UsageEvent event, AllowanceBalances balances, RatingResult out) {
        TariffPlan plan = table.plan();
        out.reset(plan.currency());
        DestinationClassifier classifier = plan.classifier();
        int classId = event.service == Service.DATA ? DestinationClassifier.NO_CLASS : classifier.classify(event.otherParty);
        if (event.otherPartyInAccount && table.sameAccountClass() != DestinationClassifier.NO_CLASS) {
            classId = table.sameAccountClass();
        }
        out.destinationClass = classId;
        int rule = table.ruleFor(event.service, event.direction, event.numberKind, classId);
        out.ruleIndex = rule;
        if (rule == RatingTable.NO_RULE) {
            out.outcome = RatingOutcome.NO_RULE;
            return out.outcome;
        }
        long raw = rawUnits(plan, event);
        out.rawUnits = raw;
        long billed = table.incrementOfRule(rule).billedUnits(raw);
        out.billedUnits = billed;

        long uncovered = billed;
        int[] unitBuckets = table.unitBucketsOfRule(rule);
        for (int i = 0; i < unitBuckets.length && uncovered > 0; i++) {
            int bucket = unitBuckets[i];
            if (!table.bucketGrantedTo(bucket, event.numberKind)) {
                continue;
            }
            long take = Math.min(uncovered, table.bucket(bucket).unlimited() ? Long.MAX_VALUE : balances.remaining(bucket));
            if (take > 0) {
                out.addDelta(bucket, take);
                uncovered -= take;
            }
        }
        out.allowanceUnits = billed - uncovered;
        out.chargedUnits = uncovered;
        if (uncovered == 0) {
            return out.outcome;
        }
        WhenExhausted exhausted = table.exhaustedOfRule(rule);
        if (exhausted == WhenExhausted.THROTTLE) {
            out.throttled = true;
            return out.outcome;
        }
        if (exhausted == WhenExhausted.FREE) {
            return out.outcome;
        }
        if (exhausted == WhenExhausted.REFUSE) {
            out.outcome = RatingOutcome.REFUSED;
            return out.outcome;
        }
        Rate rate = table.rate(table.rateOfRule(rule));
        long price = rate.pricePerUnitScaled();
        long localDay = 0;
        boolean needsDay = !rate.variants().isEmpty() || rate.currency() != plan.currency();
        if (needsDay) {
            ZoneOffsetTable zone = plan.zoneOffsets();
            localDay = zone.localEpochDay(event.startEpochMillis);
            if (!rate.variants().isEmpty()) {
                DayKind day = table.dayKind(localDay);
                price = rate.pricePerUnitAt(day, zone.localMinuteOfDay(event.startEpochMillis));
            }
        }
        out.unitPriceScaled = price;
        long amount = Math.addExact(Money.multiplyDivideHalfUp(uncovered, price, rate.unitSize()), rate.connectFeeScaled());
        if (rate.currency() != plan.currency()) {
            if (!exchangeRates.hasRate(rate.currency(), plan.currency(), localDay)) {
                out.outcome = RatingOutcome.NO_EXCHANGE_RATE;
                return out.outcome;
            }
            amount = exchangeRates.convert(amount, rate.currency(), plan.currency(), localDay);
        }
        int[] moneyBuckets = table.moneyBucketsOfRule(rule);
        long priced = amount;
        for (int i = 0; i < moneyBuckets.length && amount > 0; i++) {
            int bucket = moneyBuckets[i];
            if (!table.bucketGrantedTo(bucket, event.numberKind)) {
                continue;
            }
            long take = Math.min(amount, balances.remaining(bucket));
            if (take > 0) {
                out.addDelta(bucket, take);
                out.moneyAllowanceScaled += take;
                amount -= take;
            }
        }
        if (out.moneyAllowanceScaled > 0) {
            // the units whose price a money allowance paid were drawn from an allowance too: the rest is what is charged
            // («Просто»: a 250-minute call, 200.00 of its 250.00 from the call credit, charges 50 minutes)
            long paidUnits = amount == 0 ? uncovered : Money.multiplyDivideHalfUp(uncovered, out.moneyAllowanceScaled, priced);
            out.allowanceUnits += paidUnits;
            out.chargedUnits -= paidUnits;
        }
        out.amountScaled = amount;
        return out.outcome;
    }

    private static long rawUnits(TariffPlan plan, UsageEvent event) {
        switch (event.service) {
            case VOICE: return Math.max(0, event.durationSeconds);
            case SMS: return plan.smsSegmentation().parts(event.smsChars, event.smsEncoding);
            default: return Math.max(0, event.volumeBytes);
        }
    }
}
