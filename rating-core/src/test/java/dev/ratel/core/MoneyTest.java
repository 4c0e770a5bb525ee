package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void shouldParseDecimalAmountsExactlyWithoutDouble() {
        assertThat(Money.parseScaled("34990")).isEqualTo(349_900_000L);
        assertThat(Money.parseScaled("3.50")).isEqualTo(35_000L);
        // 0.1 has no exact double; as a scaled long it is exactly 1000.
        assertThat(Money.parseScaled("0.1")).isEqualTo(1_000L);
        assertThat(Money.parseScaled("1.23450")).isEqualTo(12_345L);
        assertThatThrownBy(() -> Money.parseScaled("1.23456")).hasMessageContaining("more than 4 decimals");
        assertThatThrownBy(() -> Money.parseScaled("12,5")).hasMessageContaining("not a decimal");
    }

    @Test
    void shouldRoundHalfUpToMinorUnitsAwayFromZero() {
        // 408.3333 RUB -> 408.33; 408.335 -> 408.34; negative amounts mirror them.
        assertThat(Money.scaledToMinorHalfUp(4_083_333L, Currency.RUB)).isEqualTo(40_833L);
        assertThat(Money.scaledToMinorHalfUp(4_083_350L, Currency.RUB)).isEqualTo(40_834L);
        assertThat(Money.scaledToMinorHalfUp(-4_083_350L, Currency.RUB)).isEqualTo(-40_834L);
        assertThat(Money.scaledToMinorHalfUp(-4_083_349L, Currency.RUB)).isEqualTo(-40_833L);
    }

    @Test
    void shouldFormatMinorUnitsAsTheContractsDecimal() {
        assertThat(Money.formatMinor(3_799_000L)).isEqualTo("37990.00");
        assertThat(Money.formatMinor(5L)).isEqualTo("0.05");
        assertThat(Money.formatMinor(-150L)).isEqualTo("-1.50");
        assertThat(Money.formatScaled(3_192_525L)).isEqualTo("319.2525");
        assertThat(Money.formatScaled(360_000L)).isEqualTo("36.00");
    }

    @Test
    void shouldMultiplyAndDivideExactlyPastTheRangeOfLong() {
        // (4e15 * 3e6) / 1e6 = 4e15 * 3 = 1.2e16; the product alone overflows a long.
        assertThat(Money.multiplyDivideHalfUp(4_000_000_000_000_000L, 3_000_000L, 1_000_000L))
                .isEqualTo(12_000_000_000_000_000L);
        // 7 * 5 / 2 = 17.5 -> 18 half-up
        assertThat(Money.multiplyDivideHalfUp(7, 5, 2)).isEqualTo(18);
        assertThat(Money.divideHalfUp(-35, 2)).isEqualTo(-18);
    }
}
