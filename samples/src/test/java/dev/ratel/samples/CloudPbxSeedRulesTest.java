package dev.ratel.samples;

import static dev.ratel.samples.SamplePlans.charges;
import static dev.ratel.samples.SamplePlans.line;
import static dev.ratel.samples.SamplePlans.millis;
import static dev.ratel.samples.SamplePlans.numbers;
import static dev.ratel.samples.SamplePlans.rate;
import static dev.ratel.samples.SamplePlans.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.charge.AccountCharges;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.charge.NumberStatus;
import dev.ratel.core.charge.OptionHolding;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.RatingOutcome;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed 002: the Cloud PBX price list (five packages, RUB, prices include VAT). */
class CloudPbxSeedRulesTest {
    private static final YearMonth APRIL = YearMonth.of(2024, 4);
    private static final LocalDate LONG_AGO = LocalDate.of(2024, 1, 1);

    @ParameterizedTest(name = "{0}: {1} RUB = net {2} + VAT {3}")
    @CsvSource({
            // price / 1.2 half-up to kopecks; VAT = net x 0.2 half-up; gross = net + VAT
            "cloud-pbx-micro,        49000,  40833,  8167",   // 490 / 1.2 = 408.333 -> 408.33; 81.666 -> 81.67
            "cloud-pbx-minimal,      79000,  65833, 13167",   // 790 / 1.2 = 658.333 -> 658.33; 131.666 -> 131.67
            "cloud-pbx-basic,       179000, 149167, 29833",   // 1790 / 1.2 = 1491.667 -> 1491.67; 298.334 -> 298.33
            "cloud-pbx-standard,    349000, 290833, 58167",   // 3490 / 1.2 = 2908.333 -> 2908.33; 581.666 -> 581.67
            "cloud-pbx-professional, 799000, 665833, 133167", // 7990 / 1.2 = 6658.333 -> 6658.33; 1331.666 -> 1331.67
    })
    void shouldChargeThePackageFeeWithNetPriceDividedByOnePointTwo(String planId, long gross, long net, long vat) {
        // Seed: 490 / 790 / 1 790 / 3 490 / 7 990 ₽ a month; note 3: net = price / 1.2, rounded to kopecks.
        AccountCharges charges = charges(SamplePlans.plan(planId), APRIL, numbers(1, NumberKind.VPBX_GROUP, "7495000", LONG_AGO), List.of());
        assertThat(line(charges, "PACKAGE").amounts()).isEqualTo(new LineAmounts(net, vat, gross));
        assertThat(charges.lines()).hasSize(1);
    }

    @Test
    void shouldChargeNumbersEmployeesChannelsLinesAndOptionsAboveTheBasicPackage() {
        // «Базовый»: 3 multichannel numbers, 10 employees, 20 channels and 5 lines included.
        TariffPlan basic = SamplePlans.plan("cloud-pbx-basic");
        List<OptionHolding> options = List.of(
                new OptionHolding("employees", 13, LONG_AGO, null),
                new OptionHolding("multichannel-channels", 25, LONG_AGO, null),
                new OptionHolding("concurrent-lines", 7, LONG_AGO, null),
                new OptionHolding("call-recording", 1, LONG_AGO, null),
                new OptionHolding("crm-connector-amocrm-bitrix24", 1, LONG_AGO, null),
                new OptionHolding("smart-forwarding", 1, LONG_AGO, LocalDate.of(2024, 3, 31))); // ended before April
        AccountCharges charges = charges(basic, APRIL, numbers(5, NumberKind.VPBX_GROUP, "7495000", LONG_AGO), options);
        // 2 numbers x 150: unit net 125.00 -> 250.00 + 50.00
        assertThat(line(charges, "EXTRA_MULTICHANNEL_NUMBER").amounts()).isEqualTo(new LineAmounts(25_000, 5_000, 30_000));
        // 3 employees x 200: unit net 166.67 -> 500.01 + 100.00 = 600.01 (a kopeck over the list: the seed's rule)
        assertThat(line(charges, "EXTRA_EMPLOYEE").amounts()).isEqualTo(new LineAmounts(50_001, 10_000, 60_001));
        // 5 channels x 50: unit net 41.67 -> 208.35 + 41.67 = 250.02
        assertThat(line(charges, "EXTRA_CHANNEL").amounts()).isEqualTo(new LineAmounts(20_835, 4_167, 25_002));
        // 2 lines x 250: unit net 208.33 -> 416.66 + 83.33 = 499.99
        assertThat(line(charges, "EXTRA_CONCURRENT_LINE").amounts()).isEqualTo(new LineAmounts(41_666, 8_333, 49_999));
        // 1 500 -> 1250.00 + 250.00; 450 -> 375.00 + 75.00
        assertThat(line(charges, "CALL_RECORDING").amounts()).isEqualTo(new LineAmounts(125_000, 25_000, 150_000));
        assertThat(line(charges, "CRM_CONNECTOR").amounts()).isEqualTo(new LineAmounts(37_500, 7_500, 45_000));
        assertThat(charges.lines()).extracting(l -> l.code()).doesNotContain("SMART_FORWARDING", "CALL_CENTER_5_LICENCES");
        // Total: 1790.00 + 300.00 + 600.01 + 250.02 + 499.99 + 1500.00 + 450.00 = 5390.02 gross;
        // net 1491.67 + 250 + 500.01 + 208.35 + 416.66 + 1250 + 375 = 4491.69; VAT 898.33.
        assertThat(charges.total()).isEqualTo(new LineAmounts(449_169, 89_833, 539_002));
    }

    @Test
    void shouldChargeTheFeePerDayForDaysBlockedAtTheCustomersRequest() {
        // Seed note 2: blocked at the customer's or operator's request -> fee per day. Both numbers blocked
        // April 11-20 (10 of 30 days): 1491.67 x 20/30 = 994.4467 -> 994.45 net; VAT 198.89; gross 1193.34.
        List<NumberHolding.StatusChange> block = List.of(
                new NumberHolding.StatusChange(LocalDate.of(2024, 4, 11), NumberStatus.BLOCKED_CUSTOMER),
                new NumberHolding.StatusChange(LocalDate.of(2024, 4, 21), NumberStatus.ACTIVE));
        List<NumberHolding.StatusChange> operatorBlock = List.of(
                new NumberHolding.StatusChange(LocalDate.of(2024, 4, 11), NumberStatus.BLOCKED_OPERATOR),
                new NumberHolding.StatusChange(LocalDate.of(2024, 4, 21), NumberStatus.ACTIVE));
        List<NumberHolding> numbers = List.of(
                new NumberHolding("74950000001", NumberKind.VPBX_GROUP, LONG_AGO, null, block),
                new NumberHolding("74950000002", NumberKind.VPBX_GROUP, LONG_AGO, null, operatorBlock));
        AccountCharges charges = charges(SamplePlans.plan("cloud-pbx-basic"), APRIL, numbers, List.of());
        assertThat(line(charges, "PACKAGE").shareNumerator()).isEqualTo(20);
        assertThat(line(charges, "PACKAGE").shareDenominator()).isEqualTo(30);
        assertThat(line(charges, "PACKAGE").amounts()).isEqualTo(new LineAmounts(99_445, 19_889, 119_334));
    }

    @Test
    void shouldChargeTheFullFeeForDaysBlockedForDebt() {
        // Seed note 2: «В случае блокирования абонентского номера по причине несвоевременной оплаты счета — взимается в полном объеме».
        List<NumberHolding> numbers = List.of(new NumberHolding("74950000001", NumberKind.VPBX_GROUP, LONG_AGO, null,
                List.of(new NumberHolding.StatusChange(LocalDate.of(2024, 4, 5), NumberStatus.BLOCKED_DEBT))));
        AccountCharges charges = charges(SamplePlans.plan("cloud-pbx-basic"), APRIL, numbers, List.of());
        assertThat(line(charges, "PACKAGE").amounts().grossMinor()).isEqualTo(179_000);
    }

    @Test
    void shouldChargeInFullWhileAnyNumberOfTheAccountServes() {
        // decision: a day counts as blocked only when every number of the account is blocked at a request.
        List<NumberHolding> numbers = new ArrayList<>(List.of(new NumberHolding("74950000001", NumberKind.VPBX_GROUP, LONG_AGO, null,
                List.of(new NumberHolding.StatusChange(LONG_AGO, NumberStatus.BLOCKED_CUSTOMER)))));
        numbers.add(new NumberHolding("74950000002", NumberKind.SIP, LONG_AGO, null, List.of()));
        AccountCharges charges = charges(SamplePlans.plan("cloud-pbx-basic"), APRIL, numbers, List.of());
        assertThat(line(charges, "PACKAGE").amounts().grossMinor()).isEqualTo(179_000);
    }

    @Test
    void shouldApplyTwentyTwoPercentVatFrom2026OnTheSameListPrice() {
        // 490 / 1.22 = 401.639 -> 401.64 net; VAT 401.64 x 0.22 = 88.3608 -> 88.36; gross 490.00.
        AccountCharges charges = charges(SamplePlans.plan("cloud-pbx-micro"), YearMonth.of(2026, 1),
                numbers(1, NumberKind.VPBX_GROUP, "7495000", LONG_AGO), List.of());
        assertThat(line(charges, "PACKAGE").amounts()).isEqualTo(new LineAmounts(40_164, 8_836, 49_000));
        assertThat(line(charges, "PACKAGE").taxBasisPoints()).isEqualTo(2200);
    }

    @Test
    void shouldNotChargeCallsForwardedInsideTheClosedGroupAndRejectCallsItDoesNotPrice() {
        // Seed note 4: «Вызовы, переадресованные внутри закрытой группы ... не тарифицируются».
        TariffPlan basic = SamplePlans.plan("cloud-pbx-basic");
        RatingTable table = table(basic, "2024-04-10T12:00");
        UsageEvent forward = new UsageEvent().voice(Direction.FWD, NumberKind.SIP, 74950000001L, 74950000002L,
                millis(basic, "2024-04-10T12:00"), 300);
        forward.otherPartyInAccount = true;
        RatingResult inside = rate(table, forward, new InMemoryAllowances(table));
        assertThat(inside.outcome).isEqualTo(RatingOutcome.RATED);
        assertThat(inside.amountScaled).isZero();
        // Forwarded elsewhere: the price list has no price, so the record must go to rejects, not be priced at zero.
        forward.otherPartyInAccount = false;
        assertThat(rate(table, forward, new InMemoryAllowances(table)).outcome).isEqualTo(RatingOutcome.NO_RULE);
    }

    @Test
    void shouldMakeTheInvoicePayableWithinTwentyFiveDays() {
        // Seed note 1: «Счет должен быть оплачен Абонентом в течение 25 дней с момента его выставления».
        for (String id : List.of("cloud-pbx-micro", "cloud-pbx-minimal", "cloud-pbx-basic", "cloud-pbx-standard", "cloud-pbx-professional")) {
            assertThat(SamplePlans.plan(id).paymentTermDays()).as(id).isEqualTo(25);
        }
    }
}
