package dev.ratel.jobs.close;

import dev.ratel.core.account.Subscription;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.ChargeLine;
import dev.ratel.core.charge.RecurringCharges;
import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tariff.UsageRule;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.core.tax.LineTax;
import dev.ratel.core.tax.TaxTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an account's invoice for a period. For each plan the account held in the period (its
 * subscriptions, by start date): the recurring and one-time charges of each subscription of it over
 * the days it held (package fee, numbers and resources above the included quantity, options,
 * connection fees, daily pro-rata, caps), then one line per usage class priced beyond the allowances,
 * then the top-up to the plan's minimum monthly total and the plan's surcharge on all of those if it has
 * them, then late usage of earlier periods as adjustments, taxed at the rate of the month each happened
 * in, with the surcharge on them at that rate. Tax by the rule in force on the issue date, each line rounded once; flags from
 * the plan's thresholds on the gross total.
 *
 * <p>The issue date is the period's last day and the due date follows by the main plan's payment term:
 * the plan of the account-wide subscription in force on the issue date, else of the last subscription
 * of the period. A subscription's fees are priced by the plan version in force on the last day it held
 * in the period, or the last version that started within those days.
 */
public final class InvoiceBuilder {
    private final Map<String, TariffPlan> plans;
    private final ReferenceData reference;
    private final TaxTable taxes;

    public InvoiceBuilder(Map<String, TariffPlan> plans, ReferenceData reference, TaxTable taxes) {
        this.plans = plans;
        this.reference = reference;
        this.taxes = taxes;
    }

    /** The account's invoice, or null when it has nothing to bill in the period (no plan held, no usage, no line). */
    public Invoice build(String accountId, YearMonth period, List<PeriodUsage.Group> usage) {
        LocalDate first = period.atDay(1);
        LocalDate issueDate = period.atEndOfMonth();
        List<Subscription> held = reference.subscriptionsOf(accountId, first, issueDate);
        if (held.isEmpty() && usage.isEmpty()) {
            return null;
        }
        TariffPlan main = mainPlan(held, usage, issueDate);
        int taxBasisPoints = taxes.ruleOn(main.taxJurisdiction(), issueDate).rateBasisPoints();
        // the plans in the order the account took them up; a plan billed only for usage (a late record of a plan it left) last
        Map<String, List<Subscription>> byPlan = new LinkedHashMap<>();
        for (Subscription subscription : held) {
            byPlan.computeIfAbsent(subscription.planId(), p -> new ArrayList<>()).add(subscription);
        }
        for (PeriodUsage.Group group : usage) {
            byPlan.computeIfAbsent(group.planId, p -> new ArrayList<>());
        }
        List<Invoice.Line> lines = new ArrayList<>();
        Set<String> flags = new LinkedHashSet<>();
        for (Map.Entry<String, List<Subscription>> entry : byPlan.entrySet()) {
            TariffPlan plan = plans.get(entry.getKey());
            if (plan == null) {
                throw new IllegalStateException("account " + accountId + " is billed for plan " + entry.getKey() + ", which is not in the tariffs");
            }
            int planStart = lines.size();
            PlanVersion lastVersion = null;
            for (Subscription subscription : entry.getValue()) {
                LocalDate firstDay = subscription.firstDayWithin(first);
                LocalDate lastDay = subscription.lastDayWithin(issueDate);
                PlanVersion version = versionFor(plan, firstDay, lastDay);
                if (version == null) {
                    continue;
                }
                lastVersion = version;
                AccountCharges charges = RecurringCharges.compute(plan, version, period, firstDay, lastDay,
                        reference.holdings(subscription.id()), reference.options(accountId), taxBasisPoints);
                flags.addAll(charges.flags());
                for (ChargeLine charge : charges.lines()) {
                    String description = charge.description();
                    if (charge.shareNumerator() != charge.shareDenominator()) {
                        description += " (" + charge.shareNumerator() + " из " + charge.shareDenominator() + " дн.)";
                    }
                    lines.add(new Invoice.Line(lines.size() + 1, charge.code(), description, Long.toString(charge.quantity()),
                            charge.unit(), charge.unitPriceScaled(), taxBasisPoints, charge.amounts(), charge.inAdvance()));
                }
            }
            for (PeriodUsage.Group group : inRuleOrder(usage, plan)) {
                if (!group.late && group.amountScaled != 0 && group.planId.equals(plan.id())) {
                    lines.add(usageLine(lines.size() + 1, group, plan, taxBasisPoints));
                }
            }
            if (lastVersion != null) {
                // the month's minimum and surcharge are on the month's own lines: late usage of earlier months is not this month's
                LineAmounts planTotal = LineAmounts.ZERO;
                for (Invoice.Line line : lines.subList(planStart, lines.size())) {
                    planTotal = planTotal.plus(line.amounts());
                }
                long billScaled = Money.minorToScaled(plan.taxBasis() == dev.ratel.core.tax.PriceTaxBasis.EXCLUDES_TAX
                        ? planTotal.netMinor() : planTotal.grossMinor(), plan.currency());
                ChargeLine topUp = RecurringCharges.minimumTopUp(plan, lastVersion, billScaled, taxBasisPoints);
                if (topUp != null) {
                    lines.add(new Invoice.Line(lines.size() + 1, topUp.code(), topUp.description(), "1", topUp.unit(),
                            topUp.unitPriceScaled(), taxBasisPoints, topUp.amounts()));
                }
                addSurcharge(lines, planStart, plan, lastVersion, taxBasisPoints, "");
            }
            // late usage of earlier months: VAT belongs to the date of supply, so each month's lines, and the surcharge on
            // them, are taxed at the rate of the month the usage happened in
            java.util.TreeMap<String, List<PeriodUsage.Group>> lateBySupply = new java.util.TreeMap<>();
            for (PeriodUsage.Group group : inRuleOrder(usage, plan)) {
                if (group.late && group.amountScaled != 0 && group.planId.equals(plan.id())) {
                    lateBySupply.computeIfAbsent(group.supplyPeriod, k -> new ArrayList<>()).add(group);
                }
            }
            for (Map.Entry<String, List<PeriodUsage.Group>> supply : lateBySupply.entrySet()) {
                YearMonth month = YearMonth.parse(supply.getKey());
                int rate = taxes.ruleOn(plan.taxJurisdiction(), month.atEndOfMonth()).rateBasisPoints();
                int lateStart = lines.size();
                for (PeriodUsage.Group group : supply.getValue()) {
                    lines.add(usageLine(lines.size() + 1, group, plan, rate));
                }
                PlanVersion supplyVersion = versionFor(plan, month);
                if (supplyVersion != null) {
                    addSurcharge(lines, lateStart, plan, supplyVersion, rate, " (корректировка за " + month + ")");
                }
            }
        }
        if (lines.isEmpty()) {
            return null; // nothing was supplied: a Cloud PBX package with no number connected all month owes nothing
        }
        LineAmounts total = LineAmounts.ZERO;
        for (Invoice.Line line : lines) {
            total = total.plus(line.amounts());
        }
        PlanVersion mainVersion = versionFor(main, first, issueDate);
        if (mainVersion != null) {
            flags.addAll(RecurringCharges.thresholdFlags(main, mainVersion, total.grossMinor()));
        }
        return new Invoice(null, accountId, period.toString(), main.id(), issueDate,
                issueDate.plusDays(main.paymentTermDays()), main.currency(), lines, flags);
    }

    /** The version's surcharge on the net of {@code lines} from {@code from} on, as a line of its own at {@code rate}. */
    private static void addSurcharge(List<Invoice.Line> lines, int from, TariffPlan plan, PlanVersion version, int rate,
                                     String note) {
        long net = 0;
        for (Invoice.Line line : lines.subList(from, lines.size())) {
            net += line.amounts().netMinor();
        }
        ChargeLine surcharge = RecurringCharges.surcharge(plan, version, net, rate);
        if (surcharge != null) {
            String percent = java.math.BigDecimal.valueOf(version.surcharge().basisPoints(), 2).stripTrailingZeros().toPlainString();
            lines.add(new Invoice.Line(lines.size() + 1, surcharge.code(), surcharge.description() + note, percent, surcharge.unit(),
                    null, rate, surcharge.amounts()));
        }
    }

    /** The plan an invoice is issued under: the account-wide one in force on the issue date, else the period's last. */
    private TariffPlan mainPlan(List<Subscription> held, List<PeriodUsage.Group> usage, LocalDate issueDate) {
        Subscription chosen = null;
        for (Subscription subscription : held) {
            if (subscription.accountWide() && subscription.inForceOn(issueDate)) {
                chosen = subscription;
            }
        }
        if (chosen == null && !held.isEmpty()) {
            chosen = held.get(held.size() - 1);
        }
        String planId = chosen != null ? chosen.planId() : usage.get(0).planId;
        return java.util.Objects.requireNonNull(plans.get(planId), () -> "plan " + planId + " is not in the tariffs");
    }

    /** The version of a plan for a whole period. */
    static PlanVersion versionFor(TariffPlan plan, YearMonth period) {
        return versionFor(plan, period.atDay(1), period.atEndOfMonth());
    }

    /** The version in force on {@code lastDay}, else the last one in force on some day of {@code firstDay .. lastDay}; null if none. */
    static PlanVersion versionFor(TariffPlan plan, LocalDate firstDay, LocalDate lastDay) {
        PlanVersion found = null;
        for (PlanVersion version : plan.versions()) {
            if (version.inForceOn(lastDay)) {
                return version;
            }
            boolean overlaps = !version.validFrom().isAfter(lastDay) && (version.validTo() == null || !version.validTo().isBefore(firstDay));
            if (overlaps) {
                found = version;
            }
        }
        return found;
    }

    /**
     * An account's usage groups with the plan's own in the order of its rules within each service (voice, SMS,
     * data), as the tariff's author listed them; groups without a rule keep their place after those with one.
     */
    private static List<PeriodUsage.Group> inRuleOrder(List<PeriodUsage.Group> usage, TariffPlan plan) {
        List<PeriodUsage.Group> ordered = new ArrayList<>(usage);
        ordered.sort(java.util.Comparator.comparingInt((PeriodUsage.Group group) -> serviceRank(group.service))
                .thenComparingInt(group -> ruleRank(plan, group)));
        return ordered;
    }

    private static int serviceRank(String service) {
        return service.equals("VOICE") ? 0 : service.equals("SMS") ? 1 : 2;
    }

    private static int ruleRank(TariffPlan plan, PeriodUsage.Group group) {
        if (group.chargeCode.isEmpty() || !group.planId.equals(plan.id())) {
            return Integer.MAX_VALUE;
        }
        PlanVersion version = versionFor(plan, YearMonth.parse(group.supplyPeriod));
        if (version != null) {
            for (int r = 0; r < version.rules().size(); r++) {
                if (version.rules().get(r).chargeCode().equals(group.chargeCode)) {
                    return r;
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The rule of a plan with a charge code: the one of the version in force in {@code supplyPeriod}, else of any
     * version (a code the tariff has since dropped still names its old rule's line); null if no version has it.
     */
    static UsageRule ruleOf(TariffPlan plan, String chargeCode, YearMonth supplyPeriod) {
        PlanVersion version = versionFor(plan, supplyPeriod);
        if (version != null) {
            for (UsageRule rule : version.rules()) {
                if (rule.chargeCode().equals(chargeCode)) {
                    return rule;
                }
            }
        }
        for (int v = plan.versions().size() - 1; v >= 0; v--) {
            for (UsageRule rule : plan.versions().get(v).rules()) {
                if (rule.chargeCode().equals(chargeCode)) {
                    return rule;
                }
            }
        }
        return null;
    }

    private static Invoice.Line usageLine(int lineNo, PeriodUsage.Group group, TariffPlan plan, int taxBasisPoints) {
        Currency currency = plan.currency();
        String what;
        String unit;
        BigDecimal quantity;
        switch (group.service) {
            case "VOICE":
                what = "Звонки";
                unit = "мин";
                quantity = BigDecimal.valueOf(group.chargedUnits).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
                break;
            case "SMS":
                what = "SMS";
                unit = "шт";
                quantity = BigDecimal.valueOf(group.chargedUnits);
                break;
            default:
                what = "Передача данных";
                unit = "МБ";
                quantity = BigDecimal.valueOf(group.chargedUnits).divide(BigDecimal.valueOf(1_048_576), 3, RoundingMode.HALF_UP);
        }
        quantity = quantity.stripTrailingZeros();
        if (quantity.scale() < 0) {
            quantity = quantity.setScale(0);
        }
        UsageRule rule = group.chargeCode.isEmpty() ? null : ruleOf(plan, group.chargeCode, YearMonth.parse(group.supplyPeriod));
        String description;
        String code;
        if (rule != null) {
            // the tariff's own words; the quantity is what the allowances did not cover, which only a rule that draws one has
            description = (rule.description() != null ? rule.description() : what + ", " + rule.chargeCode())
                    + (rule.bucketIds().isEmpty() ? "" : " — сверх пакета");
            code = (group.late ? "LATE-" : "USAGE-") + rule.chargeCode();
        } else {
            // usage exported before Ratel kept the rule's code: named by its destination class
            description = what + ", " + (group.destinationClass.isEmpty() ? "прочие направления" : group.destinationClass)
                    + " — сверх пакета";
            code = (group.late ? "LATE-" : "USAGE-") + group.service + (group.destinationClass.isEmpty() ? "" : "-" + group.destinationClass);
        }
        if (group.late) {
            description += " (корректировка за " + dev.ratel.jobs.documents.DocumentText.period(group.supplyPeriod) + ": поздние записи)";
        }
        Long unitPrice = null;
        if (quantity.signum() > 0) {
            // a price is shown where one price in kopecks or tiyn explains the line; days at different
            // exchange rates average to no such price, and the line shows none
            BigDecimal price = Money.scaledToDecimal(group.amountScaled).divide(quantity, 2, RoundingMode.HALF_UP);
            if (price.multiply(quantity).compareTo(Money.scaledToDecimal(group.amountScaled)) == 0) {
                unitPrice = price.movePointRight(4).longValueExact();
            }
        }
        LineAmounts amounts = LineTax.summed(group.amountScaled, taxBasisPoints, plan.taxBasis(), currency);
        return new Invoice.Line(lineNo, code, description, quantity.toPlainString(), unit, unitPrice, taxBasisPoints, amounts);
    }
}
