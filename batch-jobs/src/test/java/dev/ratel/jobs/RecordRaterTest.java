package dev.ratel.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.NumberDirectory;
import dev.ratel.core.account.PaymentMethod;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.charge.NumberHolding;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.InMemoryCounterKeys;
import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.InMemoryCounterStore;
import dev.ratel.core.rating.NumberKind;
import dev.ratel.core.rating.Rater;
import dev.ratel.core.rating.Service;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.time.CivilDates;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.rate.RecordRater;
import dev.ratel.jobs.rate.RecordRater.Outcome;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rating journal records against the sample plans, with the counters of a month. */
class RecordRaterTest {
    private static final long SIM_1 = 77051110001L;
    private static final long SIM_2 = 77051110002L;
    private static final long GROUP = 77061110000L;
    private static final long SIP_1 = 74952000001L;
    private static final long SIP_2 = 74992000002L;
    private static final long PBX_1 = 74951000001L;
    private static final long PBX_2 = 74951000002L;
    private static final long KCELL = 77011234567L;
    private static Map<String, TariffPlan> plans;

    private final InMemoryCounterStore counters = new InMemoryCounterStore();
    private final InMemoryCounterKeys keys = new InMemoryCounterKeys();
    private RecordRater rater;
    private NumberDirectory directory;

    @BeforeAll
    static void loadPlans() throws Exception {
        plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
    }

    private RecordRater rater() {
        if (rater == null) {
            LocalDate opened = LocalDate.of(2024, 1, 1);
            ReferenceData data = new ReferenceData(
                    Map.of("K1", new Account("K1", "ТОО «Алатау»", "800800800800", "kense-15", PaymentMethod.CREDIT, LocalDate.of(2023, 6, 1)),
                            "P1", new Account("P1", "ООО «Волга»", "7701234567", "prostoy-prosto", PaymentMethod.CREDIT, opened),
                            "C1", new Account("C1", "ООО «Нева»", "7801234567", "cloud-pbx-basic", PaymentMethod.CREDIT, opened)),
                    Map.of("K1", List.of(holding(SIM_1, NumberKind.MOBILE, LocalDate.of(2023, 6, 1)), holding(SIM_2, NumberKind.MOBILE, LocalDate.of(2024, 5, 20)),
                                    holding(GROUP, NumberKind.VPBX_GROUP, opened)),
                            "P1", List.of(holding(SIP_1, NumberKind.SIP, opened), holding(SIP_2, NumberKind.SIP, opened)),
                            "C1", List.of(holding(PBX_1, NumberKind.VPBX_GROUP, opened), holding(PBX_2, NumberKind.VPBX_GROUP, opened))),
                    Map.of(), Map.of(), Map.of());
            directory = NumberDirectory.build(data, plans, keys);
            rater = new RecordRater(directory, new Rater(ExchangeRates.none()), counters);
        }
        return rater;
    }

    private static NumberHolding holding(long number, NumberKind kind, LocalDate from) {
        return new NumberHolding(Long.toString(number), kind, from, null, List.of());
    }

    private static CdrRecord call(long from, long to, String local, String zone, long seconds, Direction direction) {
        CdrRecord record = new CdrRecord();
        record.service = Service.VOICE;
        record.direction = direction;
        record.subscriber = from;
        record.otherParty = to;
        record.startEpochMillis = LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
        record.durationSeconds = seconds;
        return record;
    }

    private Outcome rateAndApply(CdrRecord record) {
        Outcome outcome = rater().rate(record);
        rater().apply();
        return outcome;
    }

    @Test
    void shouldDrawEachSimsOwnMinutesAndThePoolOfTheGroupNumber() {
        int may = CivilDates.period(2024, 5);
        rater();
        counters.add(sim(SIM_1), bucket("kense-15", "kz-offnet-minutes"), may, 199 * 60); // SIM 1 has 1 minute left
        // SIM 1: 125 s -> 3 started minutes: 1 from its own bucket, 2 x 18 = 36 KZT.
        assertThat(rateAndApply(call(SIM_1, KCELL, "2024-05-21T10:00", "Asia/Almaty", 125, Direction.OUT))).isEqualTo(Outcome.RATED);
        assertThat(rater.result().amountScaled).isEqualTo(Money.ofMajor(36));
        // SIM 2 (connected on May 20th) draws on its own 200 minutes, untouched by SIM 1.
        assertThat(rateAndApply(call(SIM_2, KCELL, "2024-05-21T10:00", "Asia/Almaty", 125, Direction.OUT))).isEqualTo(Outcome.RATED);
        assertThat(rater.result().amountScaled).isZero();
        assertThat(counters.used(sim(SIM_2), bucket("kense-15", "kz-offnet-minutes"), may)).isEqualTo(180);
        // The group number draws on its pool of 2 500 minutes.
        rateAndApply(call(GROUP, KCELL, "2024-05-21T10:00", "Asia/Almaty", 61, Direction.OUT));
        assertThat(counters.used(sim(GROUP), bucket("kense-15", "vpbx-pool"), may)).isEqualTo(120);
    }

    @Test
    void shouldStartEveryBucketFullInTheNextMonthOfThePlansZone() {
        rater();
        int may = CivilDates.period(2024, 5);
        counters.add(sim(SIM_1), bucket("kense-15", "kz-offnet-minutes"), may, 200 * 60);
        // 23:59:30 on May 31st in Almaty is still May: the bucket is empty, 1 minute costs 18.
        rateAndApply(call(SIM_1, KCELL, "2024-05-31T23:59:30", "Asia/Almaty", 20, Direction.OUT));
        assertThat(rater.result().amountScaled).isEqualTo(Money.ofMajor(18));
        assertThat(rater.period()).isEqualTo(may);
        // Midnight is June, whatever UTC says (19:00 on May 31st): a full bucket.
        rateAndApply(call(SIM_1, KCELL, "2024-06-01T00:00:00", "Asia/Almaty", 20, Direction.OUT));
        assertThat(rater.result().amountScaled).isZero();
        assertThat(rater.period()).isEqualTo(CivilDates.period(2024, 6));
    }

    @Test
    void shouldShareTheAccountsCallCreditBetweenItsNumbers() {
        // «Просто»: 200 RUB of call credit per account (illustrative 2.50 RUB/min to Russian numbers).
        // SIP 1: 60 min = 150.00 from the credit; SIP 2: 24 min = 60.00, of which 50.00 from the credit and 10.00 owed.
        rateAndApply(call(SIP_1, 79161234567L, "2024-05-15T12:00", "Europe/Moscow", 3600, Direction.OUT));
        assertThat(rater.result().moneyAllowanceScaled).isEqualTo(Money.ofMajor(150));
        rateAndApply(call(SIP_2, 79161234567L, "2024-05-15T12:10", "Europe/Moscow", 24 * 60, Direction.OUT));
        assertThat(rater.result().moneyAllowanceScaled).isEqualTo(Money.ofMajor(50));
        assertThat(rater.result().amountScaled).isEqualTo(Money.ofMajor(10));
        int credit = bucket("prostoy-prosto", "call-credit");
        // the pool is P1's own subscription's (the one-plan form: its id is the account's)
        assertThat(counters.used(keys.pool("P1"), credit, CivilDates.period(2024, 5))).isEqualTo(Money.ofMajor(200));
    }

    @Test
    void shouldRejectWhatCannotBeRatedWithTheReason() {
        assertThat(rateAndApply(call(77019999999L, KCELL, "2024-05-21T10:00", "Asia/Almaty", 60, Direction.OUT)))
                .isEqualTo(Outcome.UNKNOWN_NUMBER);
        // SIM 2 was connected on May 20th.
        assertThat(rateAndApply(call(SIM_2, KCELL, "2024-05-19T10:00", "Asia/Almaty", 60, Direction.OUT)))
                .isEqualTo(Outcome.NUMBER_NOT_ACTIVE);
        // SIM 1 has been active since June 2023, but Keńse 15's first version starts on 2024-01-01 (Almaty).
        assertThat(rateAndApply(call(SIM_1, KCELL, "2023-12-31T23:59:59", "Asia/Almaty", 60, Direction.OUT)))
                .isEqualTo(Outcome.NO_PLAN_VERSION);
        assertThat(rateAndApply(call(SIM_1, KCELL, "2024-01-01T00:00:00", "Asia/Almaty", 60, Direction.OUT)))
                .isEqualTo(Outcome.RATED);
        counters.clear();
        // Cloud PBX: a forward inside the account's group is free; one elsewhere has no price: rejected, not free.
        assertThat(rateAndApply(call(PBX_1, PBX_2, "2024-05-15T12:00", "Europe/Moscow", 300, Direction.FWD))).isEqualTo(Outcome.RATED);
        assertThat(rater.result().amountScaled).isZero();
        assertThat(rateAndApply(call(PBX_1, 79161234567L, "2024-05-15T12:00", "Europe/Moscow", 300, Direction.FWD)))
                .isEqualTo(Outcome.NO_RULE);
        // Rejected records never move the counters.
        assertThat(counters.size()).isZero();
    }

    private int bucket(String planId, String bucketId) {
        return keys.bucket(planId, bucketId);
    }

    /** The counter owner of a Keńse number of K1, held on K1's own subscription. */
    private long sim(long number) {
        return keys.holding("K1", Long.toString(number));
    }
}
