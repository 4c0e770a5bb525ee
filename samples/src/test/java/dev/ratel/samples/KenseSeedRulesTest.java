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
import dev.ratel.core.charge.RecurringCharges;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryAllowances;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.RatingOutcome;
import dev.ratel.core.rating.RatingResult;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.core.rating.UsageEvent;
import dev.ratel.core.tariff.RatingTable;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.core.time.CivilDates;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000: Beeline Kazakhstan «Keńse 15». */
class KenseSeedRulesTest {
    private static final long SIM = 77051110001L;
    private static final long GROUP = 77051119999L;
    private static final long KCELL = 77011234567L;
    private static final long BEELINE = 77771234567L;
    private static final long ALMATY_LANDLINE = 77272123456L;
    private static final String MAY = "2024-05-17T10:15";

    private final TariffPlan kense = SamplePlans.plan("kense-15");
    private final RatingTable table = table(kense, MAY);
    private final long at = millis(kense, MAY);

    private UsageEvent call(NumberKind kind, long from, long to, long seconds) {
        return new UsageEvent().voice(Direction.OUT, kind, from, to, at, seconds);
    }

    @Test
    void shouldChargeEighteenTengePerMinuteAfterTwoHundredOffNetMinutes() {
        // Seed: 200 min to other KZ operators per number; then «18 тг/мин на номера других мобильных операторов и городские номера».
        InMemoryAllowances sim = new InMemoryAllowances(table);
        sim.markUsed(table.version().bucketIndex("kz-offnet-minutes"), 199 * 60); // 1 minute left
        // 125 s -> 3 started minutes; 1 from the bucket, 2 x 18 = 36 KZT.
        RatingResult first = rate(table, call(NumberKind.MOBILE, SIM, KCELL, 125), sim);
        assertThat(first.billedUnits).isEqualTo(180);
        assertThat(first.allowanceUnits).isEqualTo(60);
        assertThat(first.chargedUnits).isEqualTo(120);
        assertThat(first.amountScaled).isEqualTo(Money.ofMajor(36));
        // The bucket is empty now: a 30 s call to an Almaty landline costs one started minute, 18 KZT.
        RatingResult second = rate(table, call(NumberKind.MOBILE, SIM, ALMATY_LANDLINE, 30), sim);
        assertThat(second.allowanceUnits).isZero();
        assertThat(second.amountScaled).isEqualTo(Money.ofMajor(18));
        assertThat(sim.remaining(table.version().bucketIndex("kz-offnet-minutes"))).isZero();
    }

    @Test
    void shouldNotLimitOutgoingMinutesInsideTheBeelineNetwork() {
        // Seed: «Исходящие минуты внутри сети Beeline — Безлимит».
        InMemoryAllowances sim = new InMemoryAllowances(table);
        RatingResult result = null;
        for (int i = 0; i < 500; i++) {
            result = rate(table, call(NumberKind.MOBILE, SIM, BEELINE, 3600), sim);
            assertThat(result.amountScaled).isZero();
        }
        assertThat(result.allowanceUnits).isEqualTo(3600);
        assertThat(sim.used(table.version().bucketIndex("beeline-unlimited"))).isEqualTo(500 * 3600L);
        assertThat(sim.used(table.version().bucketIndex("kz-offnet-minutes"))).isZero();
    }

    @Test
    void shouldChargeEighteenTengePerSmsAfterOneHundredSmsToKazakhMobiles() {
        // Seed: 100 SMS to any KZ mobile number; then «18 тг/SMS внутри сети Beeline, а также на номера других мобильных операторов».
        InMemoryAllowances sim = new InMemoryAllowances(table);
        for (int i = 0; i < 100; i++) {
            UsageEvent sms = new UsageEvent().sms(NumberKind.MOBILE, SIM, i % 2 == 0 ? BEELINE : KCELL, at, 20, SmsEncoding.GSM7);
            assertThat(rate(table, sms, sim).amountScaled).isZero();
        }
        RatingResult hundredAndFirst = rate(table, new UsageEvent().sms(NumberKind.MOBILE, SIM, KCELL, at, 20, SmsEncoding.GSM7), sim);
        assertThat(hundredAndFirst.amountScaled).isEqualTo(Money.ofMajor(18));
    }

    @Test
    void shouldCountSeventyCyrillicOrOneHundredSixtyLatinCharactersAsOneSms() {
        // Seed: «1 SMS — 70 символов на кириллице/160 на латинице»; 71 Cyrillic characters are 2 SMS.
        InMemoryAllowances sim = new InMemoryAllowances(table);
        sim.markUsed(table.version().bucketIndex("kz-sms"), 100);
        assertThat(rate(table, new UsageEvent().sms(NumberKind.MOBILE, SIM, KCELL, at, 71, SmsEncoding.UCS2), sim).amountScaled)
                .isEqualTo(Money.ofMajor(36));
        assertThat(rate(table, new UsageEvent().sms(NumberKind.MOBILE, SIM, KCELL, at, 160, SmsEncoding.GSM7), sim).amountScaled)
                .isEqualTo(Money.ofMajor(18));
    }

    @Test
    void shouldThrottleDataPastThirtyGigabytesWithoutCharging() {
        // Seed: 30 ГБ; «При исчерпании интернет-пакета скорость интернета снижается до 128 КБ/сек»; decision: free and marked throttled.
        InMemoryAllowances sim = new InMemoryAllowances(table);
        long thirtyGiB = 30L * 1024 * 1024 * 1024;
        RatingResult within = rate(table, new UsageEvent().data(NumberKind.MOBILE, SIM, at, thirtyGiB - 1000), sim);
        assertThat(within.throttled).isFalse();
        RatingResult crossing = rate(table, new UsageEvent().data(NumberKind.MOBILE, SIM, at, 5000), sim);
        // 1 000 bytes were left: 1 000 from the bucket, 4 000 throttled, nothing charged.
        assertThat(crossing.allowanceUnits).isEqualTo(1000);
        assertThat(crossing.chargedUnits).isEqualTo(4000);
        assertThat(crossing.throttled).isTrue();
        assertThat(crossing.amountScaled).isZero();
    }

    @Test
    void shouldShareTheVirtualPbxPoolOfTwoThousandFiveHundredMinutesOnTheGroupNumber() {
        // Seed: «2500 мин для звонков на любые мобильные номера в РК ... Минуты начисляются на многоканальный групповой номер».
        InMemoryAllowances group = new InMemoryAllowances(table);
        int pool = table.version().bucketIndex("vpbx-pool");
        assertThat(group.remaining(pool)).isEqualTo(2500 * 60L);
        group.markUsed(pool, 2499 * 60L);
        // 90 s -> 2 started minutes: the last pool minute, then 1 x 18 KZT.
        RatingResult overrun = rate(table, call(NumberKind.VPBX_GROUP, GROUP, KCELL, 90), group);
        assertThat(overrun.allowanceUnits).isEqualTo(60);
        assertThat(overrun.amountScaled).isEqualTo(Money.ofMajor(18));
        // The group number has no per-SIM 200 minutes of its own, and a SIM never draws on the pool.
        assertThat(group.used(table.version().bucketIndex("kz-offnet-minutes"))).isZero();
        InMemoryAllowances sim = new InMemoryAllowances(table);
        rate(table, call(NumberKind.MOBILE, SIM, KCELL, 60), sim);
        assertThat(sim.used(pool)).isZero();
        // Landlines are not in the pool: 18 KZT per started minute from the first.
        assertThat(rate(table, call(NumberKind.VPBX_GROUP, GROUP, ALMATY_LANDLINE, 61), new InMemoryAllowances(table)).amountScaled)
                .isEqualTo(Money.ofMajor(36));
    }

    @Test
    void shouldChargeInternationalCallsByTheSeparateDeckConvertedAtTheUsageDaysRate() {
        // Seed: international calls go through «GSM International B2B» (illustrative deck: 0.25 USD/min to Russia);
        // seed 001's USD/KZT 425.67 of 2024-05-17. 125 s -> 3 min x 0.25 = 0.75 USD = 319.2525 KZT.
        RatingResult result = rate(table, call(NumberKind.MOBILE, SIM, 79161234567L, 125), new InMemoryAllowances(table));
        assertThat(result.amountScaled).isEqualTo(Money.parseScaled("319.2525"));
        // Before the first quote there is no rate: the record is not priced at zero, it is refused.
        RatingTable january = table(kense, "2024-01-10T10:00");
        UsageEvent early = new UsageEvent().voice(Direction.OUT, NumberKind.MOBILE, SIM, 79161234567L, millis(kense, "2024-01-10T10:00"), 60);
        assertThat(rate(january, early, new InMemoryAllowances(january)).outcome).isEqualTo(RatingOutcome.NO_EXCHANGE_RATE);
    }

    @Test
    void shouldChargeTheGroupFeeOf34990ForUpToFifteenNumbersAnd3000PerNumberAbove() {
        // Seed: 34 990 for up to 15 numbers, fewer numbers pay the same; 16 numbers = 34 990 + 3 000 = 37 990.
        YearMonth may = YearMonth.of(2024, 5);
        LocalDate longAgo = LocalDate.of(2024, 1, 1);
        assertThat(charges(kense, may, numbers(12, NumberKind.MOBILE, "7705111", longAgo), List.of()).total().grossMinor())
                .isEqualTo(3_499_000);
        assertThat(charges(kense, may, numbers(15, NumberKind.MOBILE, "7705111", longAgo), List.of()).total().grossMinor())
                .isEqualTo(3_499_000);
        AccountCharges sixteen = charges(kense, may, numbers(16, NumberKind.MOBILE, "7705111", longAgo), List.of());
        assertThat(sixteen.total().grossMinor()).isEqualTo(3_799_000);
        assertThat(line(sixteen, "EXTRA_NUMBER").quantity()).isEqualTo(1);
        // VAT 12 % taken out per line: 3 000 / 1.12 = 2678.5714 -> 2678.57; VAT 321.43.
        assertThat(line(sixteen, "EXTRA_NUMBER").amounts()).isEqualTo(new LineAmounts(267_857, 32_143, 300_000));
        assertThat(sixteen.flags()).isEmpty();
    }

    @Test
    void shouldFlagMoreThanFifteenExtraSimsAndStillChargeThem() {
        // Seed: «могут подключить до 15 дополнительных SIM-карт по 3000 тг/мес». 31 numbers = 16 extra:
        // 34 990 + 16 x 3 000 = 82 990, and the account is flagged for review.
        AccountCharges charges = charges(kense, YearMonth.of(2024, 5),
                numbers(31, NumberKind.MOBILE, "7705111", LocalDate.of(2024, 1, 1)), List.of());
        assertThat(charges.total().grossMinor()).isEqualTo(8_299_000);
        assertThat(charges.flags()).containsExactly(RecurringCharges.FLAG_CAP_EXCEEDED);
    }

    @Test
    void shouldCountANumberActiveOnAnyDayOfTheMonthAndNotCountTheGroupNumber() {
        // decision: a number active on any day of the month counts; removing one changes the fee from the next month.
        List<NumberHolding> holdings = new ArrayList<>(numbers(15, NumberKind.MOBILE, "7705111", LocalDate.of(2024, 1, 1)));
        holdings.add(new NumberHolding("77051112000", NumberKind.MOBILE, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 5, 1), List.of()));
        holdings.add(new NumberHolding("77051113000", NumberKind.MOBILE, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 4, 30), List.of()));
        holdings.add(new NumberHolding("77051119999", NumberKind.VPBX_GROUP, LocalDate.of(2024, 1, 1), null, List.of()));
        // May: 15 + the one removed on May 1st = 16 -> 37 990. June: 15 -> 34 990.
        assertThat(charges(kense, YearMonth.of(2024, 5), holdings, List.of()).total().grossMinor()).isEqualTo(3_799_000);
        assertThat(charges(kense, YearMonth.of(2024, 6), holdings, List.of()).total().grossMinor()).isEqualTo(3_499_000);
    }

    @Test
    void shouldCountANumberHeldTwiceInAMonthOnce() {
        // 15 SIMs; the 15th was disconnected on 5 May and connected again on 20 May: two holdings, one number, so no
        // number above the 15 the fee includes: 34 990, not 37 990.
        List<NumberHolding> holdings = new ArrayList<>(numbers(14, NumberKind.MOBILE, "7705111", LocalDate.of(2024, 1, 1)));
        holdings.add(new NumberHolding("77051112000", NumberKind.MOBILE, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 5, 5), List.of()));
        holdings.add(new NumberHolding("77051112000", NumberKind.MOBILE, LocalDate.of(2024, 5, 20), null, List.of()));
        assertThat(charges(kense, YearMonth.of(2024, 5), holdings, List.of()).total().grossMinor()).isEqualTo(3_499_000);
    }

    @Test
    void shouldChargeTheFullFeeOnTheFirstWhateverTheDaysUsed() {
        // Seed: «абонентская плата будет сниматься в полном размере, вне зависимости от количества дней фактического пользования».
        List<NumberHolding> lateAndBlocked = List.of(new NumberHolding("77051110001", NumberKind.MOBILE, LocalDate.of(2024, 5, 28), null,
                List.of(new NumberHolding.StatusChange(LocalDate.of(2024, 5, 29), NumberStatus.BLOCKED_CUSTOMER))));
        assertThat(charges(kense, YearMonth.of(2024, 5), lateAndBlocked, List.of()).total().grossMinor()).isEqualTo(3_499_000);
    }

    @Test
    void shouldTakeTheNewKazakhVatOutOfTheSameListPriceFrom2026() {
        // decision: Keńse prices include VAT, per line. 2024: 34 990 / 1.12 -> net 31 241.07, VAT 3 748.93;
        // 2026: 34 990 / 1.16 -> net 30 163.79, VAT 4 826.21; the customer pays 34 990.00 both times.
        List<NumberHolding> fifteen = numbers(15, NumberKind.MOBILE, "7705111", LocalDate.of(2024, 1, 1));
        assertThat(charges(kense, YearMonth.of(2024, 5), fifteen, List.of()).total())
                .isEqualTo(new LineAmounts(3_124_107, 374_893, 3_499_000));
        assertThat(charges(kense, YearMonth.of(2026, 1), fifteen, List.of()).total())
                .isEqualTo(new LineAmounts(3_016_379, 482_621, 3_499_000));
    }

    @Test
    void shouldGrantPersonalServiceFromAMonthlyBillOfFiftyThousandTenge() {
        // Seed: «Персональный сервис ... при общем ежемесячном счете компании от 50 000 тенге».
        var version = kense.versionOn(LocalDate.of(2024, 5, 31));
        assertThat(RecurringCharges.thresholdFlags(kense, version, 4_999_999)).isEmpty();
        assertThat(RecurringCharges.thresholdFlags(kense, version, 5_000_000)).containsExactly("PERSONAL_SERVICE");
    }

    @Test
    void shouldEndThePlanOnThirtyFirstJanuary2025UnlessExtended(@TempDir Path dir) throws Exception {
        // Seed: «Срок действия тарифного плана: до 31.01.2025 ... может быть продлён на прежних условиях».
        assertThat(kense.versions().get(0).validTo()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(kense.versionIndexAt(millis(kense, "2025-01-31T23:59"))).isZero();
        assertThat(kense.versionIndexAt(millis(kense, "2025-02-01T00:00"))).isEqualTo(1); // the shipped extension
        // Without the extension version, usage from 2025-02-01 has no plan version in force.
        String text = Files.readString(SamplePlans.TARIFFS.resolve("kense-15.yaml"));
        Path lapsed = Files.writeString(dir.resolve("kense-15.yaml"), text.substring(0, text.indexOf("  - <<: *terms")));
        TariffPlan published = new TariffLoader(TaxRatesCsv.shipped()).loadFile(lapsed);
        assertThat(published.versionIndexAt(millis(published, "2025-01-31T23:59"))).isZero();
        assertThat(published.versionIndexAt(millis(published, "2025-02-01T00:00"))).isEqualTo(-1);
    }

    @Test
    void shouldCancelUnusedAllowancesAtTheEndOfTheMonthInAlmatyTime() {
        // Seed: «Неиспользованный в течение месяца объём услуг аннулируется ... в 23 часа 59 минут последнего числа месяца».
        // Counters are kept per period of the plan's time zone: 23:59:59 on May 31st in Almaty is May; a second later is June,
        // whose buckets start full. (UTC would still say May 31st at 19:00.)
        long lastSecond = millis(kense, "2024-05-31T23:59:59");
        long nextMonth = millis(kense, "2024-06-01T00:00:00");
        assertThat(CivilDates.periodOfEpochDay(kense.zoneOffsets().localEpochDay(lastSecond))).isEqualTo(CivilDates.period(2024, 5));
        assertThat(CivilDates.periodOfEpochDay(kense.zoneOffsets().localEpochDay(nextMonth))).isEqualTo(CivilDates.period(2024, 6));
        assertThat(table.bucket(table.version().bucketIndex("kz-offnet-minutes")).start())
                .isEqualTo(dev.ratel.core.tariff.BucketStart.ACTIVATION);
    }

    @Test
    void shouldMakeTheInvoicePayableWithinThirtyDays() {
        // Seed: «Оплата проходит в течение 30 дней с даты выставления счета».
        assertThat(kense.paymentTermDays()).isEqualTo(30);
    }

    @Test
    void shouldNotChargeIncomingCalls() {
        UsageEvent incoming = new UsageEvent().voice(Direction.IN, NumberKind.MOBILE, SIM, KCELL, at, 600);
        RatingResult result = rate(table, incoming, new InMemoryAllowances(table));
        assertThat(result.outcome).isEqualTo(RatingOutcome.RATED);
        assertThat(result.amountScaled).isZero();
    }

    @Test
    void shouldNotChargeReceivedSmsAsTheSeedChargesOnSending() {
        // Seed: «Оплата начисляется по факту отправки SMS Абонентом»: only a message the subscriber sends is charged.
        // A received one is rated (not refused as NO_RULE), free, and draws nothing from the 100 SMS.
        InMemoryAllowances sim = new InMemoryAllowances(table);
        UsageEvent received = new UsageEvent().sms(NumberKind.MOBILE, SIM, KCELL, at, 200, SmsEncoding.UCS2);
        received.direction = Direction.IN;
        RatingResult result = rate(table, received, sim);
        assertThat(result.outcome).isEqualTo(RatingOutcome.RATED);
        assertThat(result.amountScaled).isZero();
        assertThat(sim.used(table.version().bucketIndex("kz-sms"))).isZero();
    }
}
