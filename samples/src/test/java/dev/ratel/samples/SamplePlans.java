package dev.ratel.samples;

import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.ChargeLine;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.OptionHolding;
import dev.ratel.core.charge.RecurringCharges;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.rating.AllowanceBalances;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shipped sample plans and reference data, loaded the way the jobs load them. */
final class SamplePlans {
    static final Path TARIFFS = Path.of("tariffs");
    static final Path REFERENCE = Path.of("reference");
    private static Map<String, TariffPlan> plans;
    private static ExchangeRates exchangeRates;

    private SamplePlans() {
    }

    static synchronized Map<String, TariffPlan> all() {
        if (plans == null) {
            try {
                plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(TARIFFS);
                exchangeRates = ExchangeRatesCsv.read(REFERENCE.resolve("exchange-rates.csv"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return plans;
    }

    static TariffPlan plan(String id) {
        TariffPlan plan = all().get(id);
        if (plan == null) {
            throw new IllegalArgumentException("no sample plan " + id);
        }
        return plan;
    }

    static Rater rater() {
        all();
        return new Rater(exchangeRates);
    }

    static long millis(TariffPlan plan, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(plan.zone()).toInstant().toEpochMilli();
    }

    static RatingTable table(TariffPlan plan, String localDateTime) {
        int version = plan.versionIndexAt(millis(plan, localDateTime));
        if (version < 0) {
            throw new IllegalArgumentException("no version of " + plan.id() + " at " + localDateTime);
        }
        return plan.ratingTable(version);
    }

    /** Rates the event and applies its deltas, as the rating job does. */
    static RatingResult rate(RatingTable table, UsageEvent event, AllowanceBalances balances) {
        RatingResult result = new RatingResult();
        rater().rate(table, event, balances, result);
        if (balances instanceof InMemoryAllowances) {
            ((InMemoryAllowances) balances).apply(result);
        }
        return result;
    }

    static AccountCharges charges(TariffPlan plan, YearMonth period, List<NumberHolding> numbers, List<OptionHolding> options) {
        int taxRate = TaxRatesCsv.shipped().ruleOn(plan.taxJurisdiction(), period.atEndOfMonth()).rateBasisPoints();
        return RecurringCharges.compute(plan, plan.versionOn(period.atEndOfMonth()), period, numbers, options, taxRate);
    }

    static List<NumberHolding> numbers(int count, NumberKind kind, String prefix, LocalDate activeFrom) {
        List<NumberHolding> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(new NumberHolding(prefix + String.format("%03d", i), kind, activeFrom, null, List.of()));
        }
        return numbers;
    }

    static ChargeLine line(AccountCharges charges, String code) {
        return charges.lines().stream().filter(l -> l.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + code + " in " + charges.lines()));
    }
}
