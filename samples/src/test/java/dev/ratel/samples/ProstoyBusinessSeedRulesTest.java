package dev.ratel.samples;

import static dev.ratel.samples.SamplePlans.charges;
import static dev.ratel.samples.SamplePlans.line;
import static dev.ratel.samples.SamplePlans.millis;
import static dev.ratel.samples.SamplePlans.rate;
import static dev.ratel.samples.SamplePlans.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 003: «Простой бизнес» SIP telephony (RUB, prices include VAT, split per line). */
class ProstoyBusinessSeedRulesTest {
    private static final YearMonth MAY = YearMonth.of(2024, 5);
    private static final String AT = "2024-05-15T11:00";

    @ParameterizedTest(name = "number {0} connects for {1} RUB")
    @CsvSource({
            "74951234567, 250000", // 495: 2 500 once
            "74991234567, 100000", // 499, 812, 343, 831, 863, 843: 1 000 once
            "78121234567, 100000",
            "73431234567, 100000",
            "78311234567, 100000",
            "78631234567, 100000",
            "78431234567, 100000",
    })
    void shouldChargeTheOneTimeConnectionFeeByAreaCode(String number, long grossMinor) {
        NumberHolding connected = new NumberHolding(number, NumberKind.SIP, LocalDate.of(2024, 5, 10), null, List.of());
        AccountCharges charges = charges(SamplePlans.plan("prostoy-prosto"), MAY, List.of(connected), List.of());
        assertThat(line(charges, "NUMBER_CONNECTION").amounts().grossMinor()).isEqualTo(grossMinor);
        // The fee is charged once: the next month has no connection line.
        assertThat(charges(SamplePlans.plan("prostoy-prosto"), YearMonth.of(2024, 6), List.of(connected), List.of()).lines())
                .extracting(l -> l.code()).doesNotContain("NUMBER_CONNECTION");
    }

    @Test
    void shouldPriceAConnectionByTheVersionInForceOnTheDayItWasMade(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // a new price list from 21 May puts code 495 at 3 000; a number connected on 3 May pays the 2 500 of the day it was
        // connected, though May's fees are priced by the version in force on the 31st
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("../samples/tariffs/prostoy-prosto.yaml"));
        yaml = yaml.replace("  - valid-from: 2024-01-01\n", "  - &published\n    valid-from: 2024-01-01\n    valid-to: 2024-05-20\n")
                + "  - <<: *published\n    valid-from: 2024-05-21\n    valid-to:\n    one-time-fees:\n"
                + "      - {code: NUMBER_CONNECTION, description: Подключение, number-kinds: [SIP], price-by-prefix: {\"7495\": 3000}}\n";
        java.nio.file.Files.writeString(dir.resolve("prosto.yaml"), yaml);
        TariffPlan repriced = new dev.ratel.formats.tariff.TariffLoader(dev.ratel.formats.reference.TaxRatesCsv.shipped())
                .loadDirectory(dir).get("prostoy-prosto");
        List<NumberHolding> numbers = List.of(new NumberHolding("74951234567", NumberKind.SIP, LocalDate.of(2024, 5, 3), null, List.of()),
                new NumberHolding("74957654321", NumberKind.SIP, LocalDate.of(2024, 5, 25), null, List.of()));
        AccountCharges may = charges(repriced, YearMonth.of(2024, 5), numbers, List.of());
        assertThat(may.lines()).filteredOn(l -> l.code().equals("NUMBER_CONNECTION")).extracting(l -> l.amounts().grossMinor())
                .containsExactly(250_000L, 300_000L);
    }

    @Test
    void shouldSplitTheConnectionFeePerLineSoTheCustomerPaysTheList() {
        // 2 500 incl. 20 %: net 2500 / 1.2 = 2083.333 -> 2083.33; VAT 416.67.
        NumberHolding moscow = new NumberHolding("74951234567", NumberKind.SIP, LocalDate.of(2024, 5, 10), null, List.of());
        AccountCharges charges = charges(SamplePlans.plan("prostoy-prosto"), MAY, List.of(moscow), List.of());
        assertThat(line(charges, "NUMBER_CONNECTION").amounts()).isEqualTo(new LineAmounts(208_333, 41_667, 250_000));
    }

    @Test
    void shouldChargeProstoOneThousandAMonthAsEightHundredRentAndTwoHundredCallCredit() {
        // Seed: «Просто» 1 000 р./мес. = 800 (аренда АТС + аренда номера) + 200 (на разговоры).
        NumberHolding number = new NumberHolding("74951234567", NumberKind.SIP, LocalDate.of(2024, 1, 10), null, List.of());
        AccountCharges charges = charges(SamplePlans.plan("prostoy-prosto"), MAY, List.of(number), List.of());
        assertThat(line(charges, "PBX_AND_NUMBER_RENT").amounts().grossMinor()).isEqualTo(80_000);
        assertThat(line(charges, "CALL_CREDIT").amounts().grossMinor()).isEqualTo(20_000);
        assertThat(charges.total().grossMinor()).isEqualTo(100_000);
    }

    @Test
    void shouldPayCallsFromTheTwoHundredRoubleCreditThatDoesNotCarryOver() {
        // Seed: «средства на разговоры на следующий месяц не переносятся». Illustrative rate 2.50 RUB/min to Russian numbers.
        TariffPlan prosto = SamplePlans.plan("prostoy-prosto");
        RatingTable table = table(prosto, AT);
        InMemoryAllowances may = new InMemoryAllowances(table);
        int credit = table.version().bucketIndex("call-credit");
        // 79 min x 2.50 = 197.50, paid from the credit; 2.50 left.
        RatingResult longCall = rate(table, outgoing(prosto, 79161234567L, 79 * 60), may);
        assertThat(longCall.moneyAllowanceScaled).isEqualTo(Money.parseScaled("197.50"));
        assertThat(longCall.amountScaled).isZero();
        // 2 more minutes = 5.00: 2.50 from the credit, 2.50 owed.
        RatingResult overrun = rate(table, outgoing(prosto, 79161234567L, 120), may);
        assertThat(overrun.moneyAllowanceScaled).isEqualTo(Money.parseScaled("2.50"));
        assertThat(overrun.amountScaled).isEqualTo(Money.parseScaled("2.50"));
        // June's counters start from the full 200, whatever May left.
        assertThat(new InMemoryAllowances(table).remaining(credit)).isEqualTo(Money.parseScaled("200"));
        // Incoming calls cost 0 р./мин.
        UsageEvent incoming = new UsageEvent().voice(Direction.IN, NumberKind.SIP, 74951234567L, 79161234567L, millis(prosto, AT), 600);
        assertThat(rate(table, incoming, may).amountScaled).isZero();
    }

    private static UsageEvent outgoing(TariffPlan plan, long to, long seconds) {
        return new UsageEvent().voice(Direction.OUT, NumberKind.SIP, 74951234567L, to, millis(plan, AT), seconds);
    }

    @Test
    void shouldChargeTheFreephoneNumberConnectionAndMonthlyFee() {
        // Seed: 8-800 connection 2 950 once; «Стандарт» 1 500 a month = 750 PBX rent + 750 number rent.
        NumberHolding freephone = new NumberHolding("78001234567", NumberKind.FREEPHONE, LocalDate.of(2024, 5, 2), null, List.of());
        AccountCharges charges = charges(SamplePlans.plan("prostoy-freephone-standard"), MAY, List.of(freephone), List.of());
        assertThat(line(charges, "FREEPHONE_CONNECTION").amounts().grossMinor()).isEqualTo(295_000);
        assertThat(line(charges, "PBX_RENT").amounts().grossMinor()).isEqualTo(75_000);
        assertThat(line(charges, "NUMBER_RENT").amounts().grossMinor()).isEqualTo(75_000);
        assertThat(charges.total().grossMinor()).isEqualTo(445_000);
    }

    @ParameterizedTest(name = "a 61 s call from {0} costs {1} RUB")
    @CsvSource({
            // 61 s -> 2 started minutes at the origin's price
            "74951234567, 4.00", // Moscow 2.00
            "78124567890, 4.00", // St Petersburg 2.00
            "78432123456, 7.00", // Kazan 78432: 3.50
            "78314212345, 7.00", // Nizhny Novgorod 783142 (from «783141-3»): 3.50
            "73512123456, 7.00", // Chelyabinsk 73512: 3.50 (read as part of the 3.50 row)
            "73432123456, 6.00", // Yekaterinburg 73432: 3.00
            "78463021234, 6.00", // Samara 7846302 (from «7846300-4»): 3.00
            "78463712345, 6.00", // Samara 784637 (from «784636-9»): 3.00
            "78463512345, 7.00", // 784635 is in none of Samara's ranges: other Russian numbers, 3.50
            "79161234567, 7.00", // mobile: 3.50
    })
    void shouldChargeTheFreephoneOwnerForIncomingMinutesByTheCallersOrigin(long caller, String amount) {
        TariffPlan standard = SamplePlans.plan("prostoy-freephone-standard");
        RatingTable table = table(standard, AT);
        UsageEvent incoming = new UsageEvent().voice(Direction.IN, NumberKind.FREEPHONE, 78001234567L, caller, millis(standard, AT), 61);
        RatingResult result = rate(table, incoming, new InMemoryAllowances(table));
        assertThat(result.billedUnits).isEqualTo(120);
        assertThat(result.amountScaled).isEqualTo(Money.parseScaled(amount));
    }

    @Test
    void shouldChargeProfiAndVipMonthlyFees() {
        // Seed: «Профи» 1 990 р. в месяц; «VIP» 2 990 р. в месяц.
        NumberHolding number = new NumberHolding("74991234567", NumberKind.SIP, LocalDate.of(2024, 1, 1), null, List.of());
        assertThat(charges(SamplePlans.plan("prostoy-profi"), MAY, List.of(number), List.of()).total().grossMinor()).isEqualTo(199_000);
        assertThat(charges(SamplePlans.plan("prostoy-vip"), MAY, List.of(number), List.of()).total().grossMinor()).isEqualTo(299_000);
    }
}
