package dev.ratel.jobs.close;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.ChargeLine;
import dev.ratel.core.charge.RecurringCharges;
import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.core.tax.LineTax;
import dev.ratel.core.tax.TaxTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an account's invoice for a period: the recurring and one-time charges of its plan version
 * (package fee, numbers and resources above the included quantity, options, connection fees, daily
 * pro-rata, caps), then one line per usage class priced beyond the allowances, then late usage of
 * earlier periods as adjustments, then the top-up to the plan's minimum monthly total if it has one; tax by the rule in force on the issue date, each line rounded
 * once; flags from the plan's thresholds on the gross total.
 *
 * <p>The issue date is the period's last day and the due date follows by the plan's payment term.
 * The plan version is the one in force on the issue date, or the last one that started within the
 * period.
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

    /** The account's invoice, or null when the account was not open in the period or its plan had no version then. */
    public Invoice build(String accountId, YearMonth period, List<PeriodUsage.Group> usage) {
        Account account = reference.account(accountId);
        LocalDate issueDate = period.atEndOfMonth();
        if (account.openedOn().isAfter(issueDate)) {
            return null;
        }
        TariffPlan plan = plans.get(account.planId());
        PlanVersion version = versionFor(plan, period);
        if (version == null) {
            return null;
        }
        int taxBasisPoints = taxes.ruleOn(plan.taxJurisdiction(), issueDate).rateBasisPoints();
        AccountCharges charges = RecurringCharges.compute(plan, version, period, reference.numbers(accountId),
                reference.options(accountId), taxBasisPoints);
        List<Invoice.Line> lines = new ArrayList<>();
        for (ChargeLine charge : charges.lines()) {
            String description = charge.description();
            if (charge.shareNumerator() != charge.shareDenominator()) {
                description += " (" + charge.shareNumerator() + " из " + charge.shareDenominator() + " дн.)";
            }
            lines.add(new Invoice.Line(lines.size() + 1, charge.code(), description, Long.toString(charge.quantity()),
                    charge.unit(), charge.unitPriceScaled(), taxBasisPoints, charge.amounts()));
        }
        for (boolean late : new boolean[] {false, true}) {
            for (PeriodUsage.Group group : usage) {
                if (group.late != late || group.amountScaled == 0) {
                    continue;
                }
                lines.add(usageLine(lines.size() + 1, group, plan, taxBasisPoints));
            }
        }
        LineAmounts total = LineAmounts.ZERO;
        for (Invoice.Line line : lines) {
            total = total.plus(line.amounts());
        }
        long billScaled = Money.minorToScaled(plan.taxBasis() == dev.ratel.core.tax.PriceTaxBasis.EXCLUDES_TAX
                ? total.netMinor() : total.grossMinor(), plan.currency());
        ChargeLine topUp = RecurringCharges.minimumTopUp(plan, version, billScaled, taxBasisPoints);
        if (topUp != null) {
            lines.add(new Invoice.Line(lines.size() + 1, topUp.code(), topUp.description(), "1", topUp.unit(), topUp.unitPriceScaled(),
                    taxBasisPoints, topUp.amounts()));
            total = total.plus(topUp.amounts());
        }
        Set<String> flags = new LinkedHashSet<>(charges.flags());
        flags.addAll(RecurringCharges.thresholdFlags(plan, version, total.grossMinor()));
        return new Invoice(null, accountId, period.toString(), plan.id(), issueDate,
                issueDate.plusDays(plan.paymentTermDays()), plan.currency(), lines, flags);
    }

    static PlanVersion versionFor(TariffPlan plan, YearMonth period) {
        PlanVersion found = null;
        for (PlanVersion version : plan.versions()) {
            if (version.inForceOn(period.atEndOfMonth())) {
                return version;
            }
            boolean overlaps = !version.validFrom().isAfter(period.atEndOfMonth())
                    && (version.validTo() == null || !version.validTo().isBefore(period.atDay(1)));
            if (overlaps) {
                found = version;
            }
        }
        return found;
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
        String description = what + ", " + (group.destinationClass.isEmpty() ? "прочие направления" : group.destinationClass)
                + " — сверх пакета" + (group.late ? " (корректировка: поздние записи прошлых периодов)" : "");
        String code = (group.late ? "LATE-" : "USAGE-") + group.service + (group.destinationClass.isEmpty() ? "" : "-" + group.destinationClass);
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
