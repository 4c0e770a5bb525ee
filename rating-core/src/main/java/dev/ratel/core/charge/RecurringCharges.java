package dev.ratel.core.charge;

import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.AccountFlagRule;
import dev.ratel.core.tariff.FeeTiming;
import dev.ratel.core.tariff.OneTimeFee;
import dev.ratel.core.tariff.PartialMonth;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.Proration;
import dev.ratel.core.tariff.RecurringFee;
import dev.ratel.core.tariff.ResourceCount;
import dev.ratel.core.tariff.Surcharge;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.core.tax.LineTax;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Computes an account's recurring and one-time charges for a period from its plan version and
 * reference data: package fees, units above the included quantity, options by quantity, daily
 * pro-rata for blocked days, one-time connection fees, caps; and the threshold flags of a bill.
 */
public final class RecurringCharges {
    /** Raised when more units are held than the plan's cap allows (Keńse: at most 15 extra SIMs). */
    public static final String FLAG_CAP_EXCEEDED = "CAP_EXCEEDED";

    private RecurringCharges() {
    }

    /**
     * The fee lines of a subscription held the whole of {@code period}: see
     * {@link #compute(TariffPlan, PlanVersion, YearMonth, LocalDate, LocalDate, List, List, int)}.
     */
    public static AccountCharges compute(TariffPlan plan, PlanVersion version, YearMonth period,
                                         List<NumberHolding> numbers, List<OptionHolding> options, int taxBasisPoints) {
        return compute(plan, version, period, period.atDay(1), period.atEndOfMonth(), numbers, options, taxBasisPoints);
    }

    /**
     * The fee lines of one subscription for {@code period}, which it holds from {@code firstDay} to
     * {@code lastDay} (within the period), priced by {@code version} of {@code plan} and taxed at
     * {@code taxBasisPoints} (the rate in force on the invoice date).
     *
     * <p>{@code numbers} are the holdings on the subscription; a number counts when held on any day of
     * {@code firstDay .. lastDay}. A fee held for part of the month is charged as its
     * {@link PartialMonth} says. A fee with {@link Proration#DAILY_EXCEPT_DEBT} is charged for the days
     * held on which at least one number is connected and not blocked at the customer's or the operator's
     * request (a day blocked for debt is charged), out of the days of the month: a subscription with no
     * number connected in the month owes nothing of it. One-time fees are charged for the numbers
     * connected in the period (not for a number moved or re-planned onto the subscription), by the plan version in
     * force on the day it was connected.
     */
    public static AccountCharges compute(TariffPlan plan, PlanVersion version, YearMonth period, LocalDate firstDay,
                                         LocalDate lastDay, List<NumberHolding> numbers, List<OptionHolding> options,
                                         int taxBasisPoints) {
        LocalDate first = period.atDay(1);
        LocalDate last = period.atEndOfMonth();
        List<ChargeLine> lines = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        long daysInMonth = period.lengthOfMonth();
        long daysHeld = lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
        boolean heldOnTheFirst = firstDay.equals(first);
        long chargeableDays = chargeableDays(numbers, firstDay, lastDay);
        for (RecurringFee fee : version.fees()) {
            if (fee.counts().kind() == ResourceCount.Kind.MINIMUM_TOTAL) {
                continue; // a top-up, computed on the whole bill: see minimumTopUp
            }
            if (fee.partialMonth() == PartialMonth.FROM_NEXT_MONTH && !heldOnTheFirst) {
                continue;
            }
            if (fee.proration() == Proration.DAILY) {
                ChargeLine line = daily(plan, fee, numbers, options, firstDay, lastDay, daysInMonth, taxBasisPoints);
                if (line != null) {
                    lines.add(line);
                }
                continue;
            }
            long counted = count(fee.counts(), numbers, options, firstDay, lastDay);
            long quantity = fee.chargedQuantity(counted);
            if (fee.capExceeded(counted)) {
                flags.add(FLAG_CAP_EXCEEDED);
            }
            if (quantity == 0) {
                continue;
            }
            long shareNumerator;
            if (fee.proration() == Proration.DAILY_EXCEPT_DEBT) {
                shareNumerator = chargeableDays;
            } else {
                shareNumerator = fee.partialMonth() == PartialMonth.DAILY ? daysHeld : daysInMonth;
            }
            if (shareNumerator == 0) {
                continue;
            }
            LineAmounts amounts = LineTax.priced(quantity, fee.priceScaled(), shareNumerator, daysInMonth,
                    taxBasisPoints, plan.taxBasis(), plan.currency());
            lines.add(new ChargeLine(fee.code(), fee.description(), quantity, fee.unitLabel(), fee.priceScaled(),
                    shareNumerator, daysInMonth, taxBasisPoints, amounts, inAdvance(fee)));
        }
        for (NumberHolding number : numbers) {
            if (!number.connectedHere() || number.activeFrom().isBefore(first) || number.activeFrom().isAfter(last)) {
                continue;
            }
            // a connection is priced by the version in force on the day the number was connected
            PlanVersion connectedUnder = plan.versionOn(number.activeFrom());
            for (OneTimeFee fee : (connectedUnder == null ? version : connectedUnder).oneTimeFees()) {
                if (!fee.numberKinds().contains(number.kind())) {
                    continue;
                }
                long price = fee.priceFor(number.number());
                if (price < 0) {
                    throw new UnpricedConnectionException("plan " + plan.id() + " has no price in its connection fee '" + fee.code()
                            + "' for number " + number.number() + " (priced by prefix: "
                            + String.join(", ", new java.util.TreeSet<>(fee.priceByPrefixScaled().keySet()))
                            + "); add the number's code to the fee's price-by-prefix, or hold the number on another plan");
                }
                LineAmounts amounts = LineTax.priced(1, price, 1, 1, taxBasisPoints, plan.taxBasis(), plan.currency());
                lines.add(new ChargeLine(fee.code(), fee.description() + " " + number.number(), 1, "шт", price,
                        1, 1, taxBasisPoints, amounts));
            }
        }
        return new AccountCharges(lines, flags);
    }

    /** A number connected onto a plan whose connection fee has no price for it: its account cannot be invoiced until the tariff or the number changes. */
    public static final class UnpricedConnectionException extends IllegalArgumentException {
        public UnpricedConnectionException(String message) {
            super(message);
        }
    }

    /**
     * A fee charged for the days held: each day's units above the included quantity, summed over the
     * month, at price / days in the month. The line shows the most units held on a day and the share
     * of the month they amount to; null when nothing was held above the included quantity.
     */
    private static ChargeLine daily(TariffPlan plan, RecurringFee fee, List<NumberHolding> numbers, List<OptionHolding> options,
                                    LocalDate first, LocalDate last, long daysInMonth, int taxBasisPoints) {
        long unitDays = 0;
        long most = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long charged = fee.chargedQuantity(count(fee.counts(), numbers, options, day, day));
            unitDays += charged;
            most = Math.max(most, charged);
        }
        if (most == 0) {
            return null;
        }
        LineAmounts amounts = LineTax.priced(most, fee.priceScaled(), unitDays, most * daysInMonth, taxBasisPoints,
                plan.taxBasis(), plan.currency());
        return new ChargeLine(fee.code(), fee.description(), most, fee.unitLabel(), fee.priceScaled(), unitDays, most * daysInMonth,
                taxBasisPoints, amounts, inAdvance(fee));
    }

    /**
     * The line that tops a bill of {@code billScaled} (everything else on it, in the plan's tax basis,
     * scaled) up to the version's minimum monthly total, or null when the bill reaches it or the
     * version has none.
     */
    public static ChargeLine minimumTopUp(TariffPlan plan, PlanVersion version, long billScaled, int taxBasisPoints) {
        for (RecurringFee fee : version.fees()) {
            if (fee.counts().kind() == ResourceCount.Kind.MINIMUM_TOTAL && billScaled < fee.priceScaled()) {
                long topUp = fee.priceScaled() - billScaled;
                LineAmounts amounts = LineTax.summed(topUp, taxBasisPoints, plan.taxBasis(), plan.currency());
                return new ChargeLine(fee.code(), fee.description(), 1, fee.unitLabel(), topUp, 1, 1, taxBasisPoints, amounts);
            }
        }
        return null;
    }

    /**
     * The version's surcharge on a plan's lines whose net comes to {@code netMinor}, or null when the version has none
     * or there is nothing to add it to: net = that share of {@code netMinor}, rounded half-up once; tax at
     * {@code taxBasisPoints}.
     */
    public static ChargeLine surcharge(TariffPlan plan, PlanVersion version, long netMinor, int taxBasisPoints) {
        Surcharge surcharge = version.surcharge();
        if (surcharge == null || netMinor == 0) {
            return null;
        }
        long net = Money.multiplyDivideHalfUp(netMinor, surcharge.basisPoints(), 10_000);
        long tax = Money.multiplyDivideHalfUp(net, taxBasisPoints, 10_000);
        LineAmounts amounts = new LineAmounts(net, tax, net + tax);
        return new ChargeLine(surcharge.code(), surcharge.description(), 1, "%", Money.minorToScaled(net, plan.currency()), 1, 1,
                taxBasisPoints, amounts);
    }

    /**
     * The flags a bill of {@code grossMinor} (everything on the invoice, in minor units) raises,
     * such as the Keńse personal service from 50 000 KZT a month.
     */
    public static Set<String> thresholdFlags(TariffPlan plan, PlanVersion version, long grossMinor) {
        Set<String> flags = new LinkedHashSet<>();
        long grossScaled = Money.minorToScaled(grossMinor, plan.currency());
        for (AccountFlagRule rule : version.flagRules()) {
            if (rule.appliesTo(grossScaled)) {
                flags.add(rule.flag());
            }
        }
        return flags;
    }

    /** Whether a fee is billed for the period in advance (on the 1st) rather than after it. */
    public static boolean inAdvance(RecurringFee fee) {
        return fee.timing() == FeeTiming.IN_ADVANCE;
    }

    static long count(ResourceCount counts, List<NumberHolding> numbers, List<OptionHolding> options,
                      LocalDate first, LocalDate last) {
        switch (counts.kind()) {
            case PACKAGE:
                return 1;
            case MINIMUM_TOTAL:
                return 0;
            case NUMBERS: {
                // a number held twice in the month (disconnected and connected again, moved away and back) is one number
                java.util.Set<String> held = new java.util.HashSet<>();
                for (NumberHolding number : numbers) {
                    if (counts.numberKinds().contains(number.kind()) && number.activeBetween(first, last)) {
                        held.add(number.number());
                    }
                }
                return held.size();
            }
            default: {
                long quantity = 0;
                for (OptionHolding option : options) {
                    if (option.optionId().equals(counts.optionId()) && option.activeBetween(first, last)) {
                        quantity = Math.max(quantity, option.quantity());
                    }
                }
                return quantity;
            }
        }
    }

    /**
     * Days of {@code first .. last} on which at least one number is connected and not blocked at a request
     * (the Cloud PBX seed, note 2: a day blocked for debt is charged; a day with no number is not).
     */
    static long chargeableDays(List<NumberHolding> numbers, LocalDate first, LocalDate last) {
        long days = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            boolean charged = false;
            for (NumberHolding number : numbers) {
                if (number.activeOn(day) && !number.statusOn(day).excusesFee()) {
                    charged = true;
                    break;
                }
            }
            if (charged) {
                days++;
            }
        }
        return days;
    }
}
