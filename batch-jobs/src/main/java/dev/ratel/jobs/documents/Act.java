package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.close.AllowanceExpiry;
import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.close.PeriodUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content of an act of completed work (акт выполненных работ, form Р-1 for Kazakhstan) with its
 * Appendix No. 1, for one account and month: the services of the invoice, and per number its
 * usage, what allowances covered, what expired at the month's end and what it was charged. The PDF
 * and XLSX renderers print this same content.
 */
public record Act(Invoice invoice, Account customer, TariffPlan plan, List<NumberRow> numbers) {
    /** One row of Appendix No. 1. */
    public record NumberRow(String number, String kind, String voiceMinutes, String voiceFromAllowances, long sms,
                            long smsFromAllowances, String dataMegabytes, String dataFromAllowances, String expired,
                            String chargedUsage) {
    }

    public static Act of(Invoice invoice, Account customer, TariffPlan plan, List<NumberHolding> holdings,
                         Map<String, PeriodUsage.NumberUsage> usage, List<AllowanceExpiry.Expired> expired) {
        Map<String, StringBuilder> expiredByOwner = new java.util.HashMap<>();
        for (AllowanceExpiry.Expired row : expired) {
            if (row.expired() > 0) {
                StringBuilder text = expiredByOwner.computeIfAbsent(row.owner(), k -> new StringBuilder());
                text.append(text.length() == 0 ? "" : "; ").append(row.bucket()).append(' ').append(units(row.expired(), row.unit(), plan));
            }
        }
        List<NumberRow> rows = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (NumberHolding holding : holdings) {
            // a number held on two plans of the account in the month (a plan change) is one row: its usage is the number's
            if (!holding.activeBetween(java.time.YearMonth.parse(invoice.period()).atDay(1),
                    java.time.YearMonth.parse(invoice.period()).atEndOfMonth()) || !listed.add(holding.number())) {
                continue;
            }
            PeriodUsage.NumberUsage used = usage.get(holding.number());
            StringBuilder expiredText = expiredByOwner.getOrDefault(holding.number(), new StringBuilder());
            rows.add(new NumberRow(holding.number(), holding.kind().name(),
                    used == null ? "0" : minutes(used.voiceSeconds), used == null ? "0" : minutes(used.voiceFromAllowances),
                    used == null ? 0 : used.sms, used == null ? 0 : used.smsFromAllowances,
                    used == null ? "0" : megabytes(used.bytes), used == null ? "0" : megabytes(used.bytesFromAllowances),
                    expiredText.toString(), used == null ? "0.00"
                            : Money.formatMinor(Money.scaledToMinorHalfUp(used.amountScaled, plan.currency()))));
        }
        for (Map.Entry<String, StringBuilder> owner : new java.util.TreeMap<>(expiredByOwner).entrySet()) {
            // pools: the account's own plan's ("account A1") and each subscription's ("subscription S1")
            if (owner.getKey().startsWith("account ") || owner.getKey().startsWith("subscription ")) {
                String label = owner.getKey().startsWith("account ") ? "пул лицевого счёта"
                        : "пул подписки " + owner.getKey().substring("subscription ".length());
                rows.add(new NumberRow(label, "", "", "", 0, 0, "", "", owner.getValue().toString(), ""));
            }
        }
        return new Act(invoice, customer, plan, rows);
    }

    static String minutes(long seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String megabytes(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1_048_576), 1, RoundingMode.HALF_UP).toPlainString();
    }

    static String units(long units, String unit, TariffPlan plan) {
        switch (unit) {
            case "SECONDS": return minutes(units) + " мин";
            case "SMS": return units + " SMS";
            case "BYTES": return megabytes(units) + " МБ";
            default: return Money.formatScaled(units) + " " + plan.currency().name();
        }
    }

    /** "Акт № … от …". */
    public String title() {
        return "Акт выполненных работ (оказанных услуг) № " + invoice.invoiceNo() + " от "
                + java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy").format(invoice.issueDate());
    }
}
