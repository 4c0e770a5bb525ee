package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.money.Currency;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.money.Money;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.core.tariff.ChargingIncrement;
import dev.ratel.core.tariff.SmsSegmentation;
import dev.ratel.core.time.CivilDates;
import dev.ratel.core.time.ZoneOffsetTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeAndUnitsTest {
    @Test
    void shouldBillPerStartedMinuteWithSixtySixtyIncrements() {
        // 125 s = 2 min 5 s -> 3 started minutes = 180 s; 60 s stays 60; 1 s becomes 60.
        ChargingIncrement minute = new ChargingIncrement(60, 60);
        assertThat(minute.billedUnits(125)).isEqualTo(180);
        assertThat(minute.billedUnits(60)).isEqualTo(60);
        assertThat(minute.billedUnits(1)).isEqualTo(60);
        assertThat(minute.billedUnits(0)).isZero();
    }

    @Test
    void shouldBillPerSecondWithOneOneIncrements() {
        assertThat(ChargingIncrement.EXACT.billedUnits(125)).isEqualTo(125);
    }

    @Test
    void shouldBillThirtySecondsThenSixSecondStepsWithThirtySixIncrements() {
        // 10 s -> first 30; 31 s -> 30 + 6 = 36; 125 s -> 30 + ceil(95 / 6) * 6 = 30 + 96 = 126.
        ChargingIncrement increment = new ChargingIncrement(30, 6);
        assertThat(increment.billedUnits(10)).isEqualTo(30);
        assertThat(increment.billedUnits(31)).isEqualTo(36);
        assertThat(increment.billedUnits(125)).isEqualTo(126);
    }

    @Test
    void shouldCountSmsPartsAsSeventyCyrillicOrOneHundredSixtyLatinCharacters() {
        // Seed 000: «1 SMS — 70 символов на кириллице/160 на латинице».
        assertThat(SmsSegmentation.PLAIN.parts(70, SmsEncoding.UCS2)).isEqualTo(1);
        assertThat(SmsSegmentation.PLAIN.parts(71, SmsEncoding.UCS2)).isEqualTo(2);
        assertThat(SmsSegmentation.PLAIN.parts(160, SmsEncoding.GSM7)).isEqualTo(1);
        assertThat(SmsSegmentation.PLAIN.parts(161, SmsEncoding.GSM7)).isEqualTo(2);
        assertThat(SmsSegmentation.PLAIN.parts(0, SmsEncoding.GSM7)).isEqualTo(1);
    }

    @Test
    void shouldSplitConcatenatedSmsIntoSixtySevenAndOneHundredFiftyThreeCharacterParts() {
        // 71 UCS-2 characters: ceil(71 / 67) = 2; 140: ceil(140 / 67) = 3 (plain would say 2).
        assertThat(SmsSegmentation.CONCATENATED.parts(70, SmsEncoding.UCS2)).isEqualTo(1);
        assertThat(SmsSegmentation.CONCATENATED.parts(140, SmsEncoding.UCS2)).isEqualTo(3);
        assertThat(SmsSegmentation.PLAIN.parts(140, SmsEncoding.UCS2)).isEqualTo(2);
        // 307 GSM-7 characters: ceil(307 / 153) = 3.
        assertThat(SmsSegmentation.CONCATENATED.parts(307, SmsEncoding.GSM7)).isEqualTo(3);
    }

    @Test
    void shouldAgreeWithJavaTimeOnLocalDayMinuteAndPeriodInEveryZone() {
        SplittableRandom random = new SplittableRandom(17);
        for (String zoneId : List.of("Asia/Almaty", "Europe/Moscow", "Europe/Berlin", "America/New_York", "UTC")) {
            ZoneId zone = ZoneId.of(zoneId);
            ZoneOffsetTable table = new ZoneOffsetTable(zone);
            for (int i = 0; i < 20_000; i++) {
                long millis = random.nextLong(0, 4_000_000_000_000L);
                ZonedDateTime local = Instant.ofEpochMilli(millis).atZone(zone);
                assertThat(table.localEpochDay(millis)).as("%s %s", zoneId, local).isEqualTo(local.toLocalDate().toEpochDay());
                assertThat(table.localMinuteOfDay(millis)).isEqualTo(local.getHour() * 60 + local.getMinute());
                assertThat(CivilDates.periodOfEpochDay(table.localEpochDay(millis)))
                        .isEqualTo(local.getYear() * 12 + local.getMonthValue() - 1);
                assertThat(CivilDates.isoDayOfWeek(local.toLocalDate().toEpochDay())).isEqualTo(local.getDayOfWeek().getValue());
                assertThat(CivilDates.dayOfMonthOfEpochDay(local.toLocalDate().toEpochDay())).isEqualTo(local.getDayOfMonth());
            }
            LocalDate day = LocalDate.of(2024, 3, 31);
            assertThat(table.startOfLocalDay(day.toEpochDay())).isEqualTo(day.atStartOfDay(zone).toInstant().toEpochMilli());
        }
    }

    @Test
    void shouldTurnLocalSwitchTimesIntoInstantsLikeJavaTimeIncludingAroundDaylightSaving() {
        SplittableRandom random = new SplittableRandom(5);
        for (String zoneId : List.of("Asia/Almaty", "Europe/Moscow", "Europe/Berlin", "America/New_York")) {
            ZoneId zone = ZoneId.of(zoneId);
            ZoneOffsetTable table = new ZoneOffsetTable(zone);
            for (int i = 0; i < 20_000; i++) {
                java.time.LocalDateTime local = java.time.LocalDateTime.of(1995 + random.nextInt(40), 1 + random.nextInt(12),
                        1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60));
                long localMillis = local.toEpochSecond(java.time.ZoneOffset.UTC) * 1000;
                // java.time: in an overlap the earlier offset, in a gap shifted by the gap's length;
                // Ratel reads a gap time with the offset before the gap: the same instant.
                assertThat(table.localToEpochMillis(localMillis)).as("%s %s", zoneId, local)
                        .isEqualTo(local.atZone(zone).toInstant().toEpochMilli());
            }
        }
    }

    @Test
    void shouldConvertAtTheRateInForceOnTheUsageDay() {
        // Seed 001's banner of 2024-05-17: USD/KZT 425.67. A later quote replaces it from its own date.
        ExchangeRates rates = new ExchangeRates(List.of(
                new ExchangeRates.Quote(LocalDate.of(2024, 5, 17), Currency.USD, Currency.KZT, new BigDecimal("425.67")),
                new ExchangeRates.Quote(LocalDate.of(2024, 6, 1), Currency.USD, Currency.KZT, new BigDecimal("450"))));
        long dollar = Money.ofMajor(1);
        assertThat(rates.hasRate(Currency.USD, Currency.KZT, LocalDate.of(2024, 5, 16).toEpochDay())).isFalse();
        assertThat(rates.convert(dollar, Currency.USD, Currency.KZT, LocalDate.of(2024, 5, 31).toEpochDay()))
                .isEqualTo(Money.parseScaled("425.67"));
        assertThat(rates.convert(dollar, Currency.USD, Currency.KZT, LocalDate.of(2024, 6, 1).toEpochDay()))
                .isEqualTo(Money.parseScaled("450"));
        // 0.75 USD x 425.67 = 319.2525 KZT exactly.
        assertThat(rates.convert(Money.parseScaled("0.75"), Currency.USD, Currency.KZT, LocalDate.of(2024, 5, 17).toEpochDay()))
                .isEqualTo(Money.parseScaled("319.2525"));
        assertThat(Currency.fromCode("RUR")).isEqualTo(Currency.RUB);
    }
}
