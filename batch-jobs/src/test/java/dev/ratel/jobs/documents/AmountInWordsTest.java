package dev.ratel.jobs.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratel.core.money.Currency;
import org.junit.jupiter.api.Test;

class AmountInWordsTest {
    @Test
    void shouldSpellTheKenseFeeForSixteenNumbersAsTheIssueQuotesIt() {
        // 34 990 + 3 000 for the 16th number = 37 990.00 KZT
        assertThat(AmountInWords.of(3_799_000, Currency.KZT)).isEqualTo("Тридцать семь тысяч девятьсот девяносто тенге 00 тиын");
    }

    @Test
    void shouldDeclineRoublesAndKopecksByTheRussianPluralRules() {
        assertThat(AmountInWords.of(100_101, Currency.RUB)).isEqualTo("Одна тысяча один рубль 01 копейка");
        assertThat(AmountInWords.of(79_022, Currency.RUB)).isEqualTo("Семьсот девяносто рублей 22 копейки");
        assertThat(AmountInWords.of(224_405, Currency.RUB)).isEqualTo("Две тысячи двести сорок четыре рубля 05 копеек");
    }

    @Test
    void shouldSpellZeroAndNegativeAmounts() {
        assertThat(AmountInWords.of(0, Currency.KZT)).isEqualTo("Ноль тенге 00 тиын");
        assertThat(AmountInWords.of(-150, Currency.RUB)).isEqualTo("Минус один рубль 50 копеек");
    }
}
