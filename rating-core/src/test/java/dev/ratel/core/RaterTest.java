package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.destination.DestinationClassifier;
import dev.ratel.core.money.Currency;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.RatingOutcome;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.AllowanceBucket;
import dev.ratel.core.tariff.BucketScope;
import dev.ratel.core.tariff.BucketStart;
import dev.ratel.core.tariff.ChargingIncrement;
import dev.ratel.core.tariff.DayKind;
import dev.ratel.core.tariff.PlanVersion;
import dev.ratel.core.tariff.Rate;
import dev.ratel.core.tariff.RateVariant;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.SmsSegmentation;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tariff.UsageRule;
import dev.ratel.core.tariff.UsageUnit;
import dev.ratel.core.tariff.WhenExhausted;
import dev.ratel.core.tax.PriceTaxBasis;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rater on a small hand-built plan in Moscow time; the sample plans are tested in {@code samples}. */
class RaterTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final long CALLER = 74951110000L;
    private static final long MOSCOW_NUMBER = 74957654321L;

    private final TariffPlan plan = plan();
    private final Rater rater = new Rater(ExchangeRates.none());
    private final RatingResult result = new RatingResult();

    private static TariffPlan plan() {
        DestinationClassifier.Builder classes = DestinationClassifier.builder().prefix("7495", "moscow");
        classes.declareClass(DestinationClassifier.SAME_ACCOUNT);
        DestinationClassifier classifier = classes.build();
        Rate moscow = new Rate("moscow-minute", Money.parseScaled("2.00"), 60, Money.parseScaled("0.50"), Currency.RUB,
                List.of(new RateVariant(EnumSet.of(DayKind.WEEKDAY), 20 * 60, 8 * 60, Money.parseScaled("1.00")),
                        new RateVariant(EnumSet.of(DayKind.HOLIDAY, DayKind.WEEKEND), 0, 1440, Money.parseScaled("0.80"))));
        AllowanceBucket credit = new AllowanceBucket("call-credit", "200 RUB", UsageUnit.MONEY, Money.parseScaled("200"),
                false, BucketScope.ACCOUNT, BucketStart.PERIOD_START, Set.of());
        AllowanceBucket minutes = new AllowanceBucket("minutes", "10 min", UsageUnit.SECONDS, 600, false,
                BucketScope.NUMBER, BucketStart.PERIOD_START, Set.of(NumberKind.SIP));
        PlanVersion v2024 = new PlanVersion(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
                List.of(moscow), List.of(minutes, credit),
                List.of(new UsageRule("CLOSED_GROUP", "closed group", dev.ratel.core.rating.Service.VOICE,
                                Set.of(Direction.FWD), Set.of(), Set.of(DestinationClassifier.SAME_ACCOUNT),
                                ChargingIncrement.EXACT, List.of(), WhenExhausted.FREE, null),
                        new UsageRule("MOSCOW", "moscow", dev.ratel.core.rating.Service.VOICE, Set.of(Direction.OUT, Direction.FWD),
                                Set.of(), Set.of("moscow"), new ChargingIncrement(60, 60), List.of("minutes", "call-credit"),
                                WhenExhausted.CHARGE, "moscow-minute"),
                        new UsageRule("SMS_REFUSED", "sms", dev.ratel.core.rating.Service.SMS, Set.of(), Set.of(), Set.of(),
                                ChargingIncrement.EXACT, List.of(), WhenExhausted.REFUSE, null)),
                List.of(), List.of(), List.of(), Set.of(LocalDate.of(2024, 5, 9)));
        return new TariffPlan("test", "Test", Currency.RUB, MOSCOW, "RU", PriceTaxBasis.INCLUDES_TAX_PER_LINE, 25,
                SmsSegmentation.PLAIN, classifier, List.of(v2024));
    }

    private RatingTable table(String localTime) {
        return plan.ratingTable(plan.versionIndexAt(millis(localTime)));
    }

    private static long millis(String localTime) {
        return LocalDateTime.parse(localTime).atZone(MOSCOW).toInstant().toEpochMilli();
    }

    @Test
    void shouldDrawUnitsThenPriceTheRestWithConnectFeeAndLetTheMoneyAllowancePay() {
        String at = "2024-05-15T12:00"; // a Wednesday afternoon: base price 2.00 per minute
        RatingTable table = table(at);
        InMemoryAllowances balances = new InMemoryAllowances(table);
        balances.markUsed(table.version().bucketIndex("minutes"), 540); // 60 s of the 600 left
        UsageEvent call = new UsageEvent().voice(Direction.OUT, NumberKind.SIP, CALLER, MOSCOW_NUMBER, millis(at), 150);
        rater.rate(table, call, balances, result);
        // 150 s -> billed 180 s; 60 s from the minutes; 120 s = 2 min x 2.00 + connect fee 0.50 = 4.50,
        // all of it paid from the 200 RUB call credit: every billed second was drawn from an allowance, none is charged.
        assertThat(result.outcome).isEqualTo(RatingOutcome.RATED);
        assertThat(result.billedUnits).isEqualTo(180);
        assertThat(result.allowanceUnits).isEqualTo(180);
        assertThat(result.chargedUnits).isZero();
        assertThat(result.moneyAllowanceScaled).isEqualTo(Money.parseScaled("4.50"));
        assertThat(result.amountScaled).isZero();
        assertThat(result.deltaCount).isEqualTo(2);
        balances.apply(result);
        assertThat(balances.remaining(table.version().bucketIndex("call-credit"))).isEqualTo(Money.parseScaled("195.50"));
    }

    @Test
    void shouldChargeWhatTheMoneyAllowanceCannotCover() {
        String at = "2024-05-15T12:00";
        RatingTable table = table(at);
        InMemoryAllowances balances = new InMemoryAllowances(table);
        balances.markUsed(table.version().bucketIndex("minutes"), 600);
        balances.markUsed(table.version().bucketIndex("call-credit"), Money.parseScaled("199"));
        rater.rate(table, new UsageEvent().voice(Direction.OUT, NumberKind.SIP, CALLER, MOSCOW_NUMBER, millis(at), 60), balances, result);
        // 1 min x 2.00 + 0.50 = 2.50; 1.00 left of the credit pays 1.00; 1.50 is owed.
        assertThat(result.moneyAllowanceScaled).isEqualTo(Money.parseScaled("1"));
        assertThat(result.amountScaled).isEqualTo(Money.parseScaled("1.50"));
        // the credit paid 1.00 of 2.50: the same share of the 60 s, 24 s, counts as drawn from an allowance; 36 s are charged
        assertThat(result.allowanceUnits).isEqualTo(24);
        assertThat(result.chargedUnits).isEqualTo(36);
    }

    @Test
    void shouldPriceByTimeOfDayAndHolidayVariants() {
        // Wednesday 21:30 falls in the 20:00-08:00 window: 1.00/min; 2 min + 0.50 = 2.50.
        assertThat(amountOfTwoMinuteCallWithoutAllowances("2024-05-15T21:30")).isEqualTo(Money.parseScaled("2.50"));
        // Wednesday 07:59 is still inside the window that wraps past midnight.
        assertThat(amountOfTwoMinuteCallWithoutAllowances("2024-05-15T07:59")).isEqualTo(Money.parseScaled("2.50"));
        // 2024-05-09, Victory Day, a Thursday: the holiday price 0.80: 1.60 + 0.50 = 2.10.
        assertThat(amountOfTwoMinuteCallWithoutAllowances("2024-05-09T12:00")).isEqualTo(Money.parseScaled("2.10"));
        // Saturday: weekend price 0.80 as well.
        assertThat(amountOfTwoMinuteCallWithoutAllowances("2024-05-18T12:00")).isEqualTo(Money.parseScaled("2.10"));
        // Wednesday noon: base 2.00: 4.00 + 0.50.
        assertThat(amountOfTwoMinuteCallWithoutAllowances("2024-05-15T12:00")).isEqualTo(Money.parseScaled("4.50"));
    }

    private long amountOfTwoMinuteCallWithoutAllowances(String at) {
        RatingTable table = table(at);
        InMemoryAllowances balances = new InMemoryAllowances(table);
        balances.markUsed(table.version().bucketIndex("minutes"), 600);
        balances.markUsed(table.version().bucketIndex("call-credit"), Money.parseScaled("200"));
        // A MOBILE number is not granted the SIP-only minutes, whatever is left of them.
        rater.rate(table, new UsageEvent().voice(Direction.OUT, NumberKind.MOBILE, CALLER, MOSCOW_NUMBER, millis(at), 120), balances, result);
        return result.amountScaled;
    }

    @Test
    void shouldNotChargeCallsForwardedInsideTheClosedGroup() {
        // Seed 002, note 4: «Вызовы, переадресованные внутри закрытой группы ... не тарифицируются».
        String at = "2024-05-15T12:00";
        UsageEvent forward = new UsageEvent().voice(Direction.FWD, NumberKind.SIP, CALLER, MOSCOW_NUMBER, millis(at), 300);
        forward.otherPartyInAccount = true;
        rater.rate(table(at), forward, new InMemoryAllowances(table(at)), result);
        assertThat(result.outcome).isEqualTo(RatingOutcome.RATED);
        assertThat(result.ruleIndex).isEqualTo(0);
        assertThat(result.amountScaled).isZero();
        assertThat(result.deltaCount).isZero();
        // The same forward to a Moscow number outside the group is priced (and drawn from allowances).
        forward.otherPartyInAccount = false;
        rater.rate(table(at), forward, new InMemoryAllowances(table(at)), result);
        assertThat(result.ruleIndex).isEqualTo(1);
        assertThat(result.allowanceUnits).isEqualTo(300);
    }

    @Test
    void shouldReportRefusedAndUnmatchedUsageInsteadOfPricingItAtZero() {
        String at = "2024-05-15T12:00";
        RatingTable table = table(at);
        rater.rate(table, new UsageEvent().sms(NumberKind.SIP, CALLER, MOSCOW_NUMBER, millis(at), 10,
                dev.ratel.core.rating.SmsEncoding.GSM7), new InMemoryAllowances(table), result);
        assertThat(result.outcome).isEqualTo(RatingOutcome.REFUSED);
        rater.rate(table, new UsageEvent().voice(Direction.IN, NumberKind.SIP, CALLER, MOSCOW_NUMBER, millis(at), 10),
                new InMemoryAllowances(table), result);
        assertThat(result.outcome).isEqualTo(RatingOutcome.NO_RULE);
    }

    @Test
    void shouldFindNoVersionOutsideTheValidityDatesInThePlansTimeZone() {
        // Version valid 2024-01-01 .. 2024-12-31 in Moscow: 2024-12-31T23:59 Moscow is inside, 2025-01-01T00:00 is not.
        assertThat(plan.versionIndexAt(millis("2024-12-31T23:59"))).isZero();
        assertThat(plan.versionIndexAt(millis("2025-01-01T00:00"))).isEqualTo(-1);
        assertThat(plan.versionIndexAt(millis("2023-12-31T23:59"))).isEqualTo(-1);
    }
}
