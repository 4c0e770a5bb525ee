package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
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
public record Act(Invoice invoice, Account customer, TariffPlan plan, List<NumberRow> numbers, CustomerDetails details) {
    /** The act with the customer's details from customers.csv (null where it has no row). */
    public Act withDetails(CustomerDetails customerDetails) {
        return new Act(invoice, customer, plan, numbers, customerDetails);
    }

    /**
     * One row of Appendix No. 1; {@code chargedMinor} is the number's share of the act's usage lines with VAT, in kopecks
     * or tiyn (null on a pool's row, which is charged nothing of its own).
     */
    public record NumberRow(String number, String kind, String voiceMinutes, String voiceFromAllowances, long sms,
                            long smsFromAllowances, String dataMegabytes, String dataFromAllowances, String expired,
                            Long chargedMinor) {
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
        Map<String, Long> charged = shares(usageTotalMinor(invoice), usage);
        List<NumberRow> rows = new ArrayList<>();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (NumberHolding holding : holdings) {
            // a number held on two plans of the account in the month (a plan change) is one row: its usage is the number's
            if (!holding.activeBetween(java.time.YearMonth.parse(invoice.period()).atDay(1),
                    java.time.YearMonth.parse(invoice.period()).atEndOfMonth()) || !listed.add(holding.number())) {
                continue;
            }
            rows.add(row(holding.number(), kindInWords(holding.kind()), usage.get(holding.number()), expiredByOwner, charged));
        }
        for (String number : new java.util.TreeSet<>(usage.keySet())) {
            // usage of a number the account no longer lists for the month (late records of a number it gave up)
            if (listed.add(number)) {
                rows.add(row(number, "", usage.get(number), expiredByOwner, charged));
            }
        }
        for (Map.Entry<String, StringBuilder> owner : new java.util.TreeMap<>(expiredByOwner).entrySet()) {
            // pools: the account's own plan's ("account A1") and each subscription's ("subscription S1")
            if (owner.getKey().startsWith("account ") || owner.getKey().startsWith("subscription ")) {
                String label = owner.getKey().startsWith("account ") ? "пул лицевого счёта"
                        : "пул подписки " + owner.getKey().substring("subscription ".length());
                rows.add(new NumberRow(label, "", "", "", 0, 0, "", "", owner.getValue().toString(), null));
            }
        }
        return new Act(invoice, customer, plan, rows, null);
    }

    private static NumberRow row(String number, String kind, PeriodUsage.NumberUsage used, Map<String, StringBuilder> expiredByOwner,
                                 Map<String, Long> charged) {
        String expiredText = expiredByOwner.getOrDefault(number, new StringBuilder()).toString();
        if (used == null) {
            return new NumberRow(number, kind, "0", "0", 0, 0, "0", "0", expiredText, 0L);
        }
        return new NumberRow(number, kind, minutes(used.voiceSeconds), minutes(used.voiceFromAllowances), used.sms, used.smsFromAllowances,
                megabytes(used.bytes), megabytes(used.bytesFromAllowances), expiredText, charged.getOrDefault(number, 0L));
    }

    /** The kind of a number as the appendix's «Тип» column says it to the customer. */
    static String kindInWords(dev.ratel.core.rating.NumberKind kind) {
        switch (kind) {
            case MOBILE: return "мобильный";
            case VPBX_GROUP: return "многоканальный";
            case SIP: return "SIP-линия";
            case FREEPHONE: return "8-800";
            default: return kind.name();
        }
    }

    /** What the act charges for usage past the allowances, with VAT: its usage lines, this month's and late ones. */
    public static long usageTotalMinor(Invoice invoice) {
        long total = 0;
        for (Invoice.Line line : invoice.lines()) {
            if (line.code().startsWith("USAGE-") || line.code().startsWith("LATE-")) {
                total += line.amounts().grossMinor();
            }
        }
        return total;
    }

    /** The appendix's total: the numbers' shares add up to the act's usage lines. */
    public long chargedTotalMinor() {
        return usageTotalMinor(invoice);
    }

    /**
     * {@code totalMinor} shared between the numbers in proportion to their rated amounts, rounded once: each number gets
     * the whole kopecks of its exact share, and the kopecks left go one each to the largest remainders (ties to the
     * lower number). The shares add up to the total exactly; rounding each number's amount on its own did not (the
     * act's lines are rounded per destination class, not per number).
     */
    static Map<String, Long> shares(long totalMinor, Map<String, PeriodUsage.NumberUsage> usage) {
        java.util.TreeMap<String, Long> shares = new java.util.TreeMap<>();
        java.math.BigInteger weights = java.math.BigInteger.ZERO;
        for (PeriodUsage.NumberUsage used : usage.values()) {
            weights = weights.add(java.math.BigInteger.valueOf(used.amountScaled));
        }
        if (weights.signum() == 0) {
            return shares;
        }
        java.math.BigInteger total = java.math.BigInteger.valueOf(totalMinor);
        List<Map.Entry<String, java.math.BigInteger>> remainders = new ArrayList<>();
        long given = 0;
        for (String number : new java.util.TreeSet<>(usage.keySet())) {
            java.math.BigInteger exact = total.multiply(java.math.BigInteger.valueOf(usage.get(number).amountScaled));
            java.math.BigInteger[] division = exact.divideAndRemainder(weights);
            java.math.BigInteger whole = division[0];
            java.math.BigInteger remainder = division[1];
            if (remainder.signum() != 0 && remainder.signum() != weights.signum()) {
                whole = whole.subtract(java.math.BigInteger.ONE);     // floor, whatever the signs
                remainder = remainder.add(weights);
            }
            shares.put(number, whole.longValueExact());
            given += whole.longValueExact();
            remainders.add(Map.entry(number, remainder.abs()));
        }
        remainders.sort(Map.Entry.<String, java.math.BigInteger>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < totalMinor - given; i++) {
            shares.merge(remainders.get(i).getKey(), 1L, Long::sum);
        }
        return shares;
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
