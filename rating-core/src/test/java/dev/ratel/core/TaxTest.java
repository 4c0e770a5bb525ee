package dev.ratel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.money.Currency;
import dev.ratel.core.money.Money;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.core.tax.LineTax;
import dev.ratel.core.tax.PriceTaxBasis;
import dev.ratel.core.tax.TaxRule;
import dev.ratel.core.tax.TaxTable;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxTest {
    /** The rates Ratel ships in formats' tax-rates.csv (this module reads no files): RU 20 %, then 22 %; KZ 12 %, then 16 %. */
    private final TaxTable table = new TaxTable(java.util.List.of(
            new TaxRule(TaxTable.RUSSIA, "НДС", LocalDate.of(2019, 1, 1), LocalDate.of(2025, 12, 31), 2000),
            new TaxRule(TaxTable.RUSSIA, "НДС", LocalDate.of(2026, 1, 1), null, 2200),
            new TaxRule(TaxTable.KAZAKHSTAN, "НДС", LocalDate.of(2009, 1, 1), LocalDate.of(2025, 12, 31), 1200),
            new TaxRule(TaxTable.KAZAKHSTAN, "НДС", LocalDate.of(2026, 1, 1), null, 1600)));

    @Test
    void shouldApplyRussianVatTwentyPercentUntil2025AndTwentyTwoFrom2026() {
        assertThat(table.ruleOn("RU", LocalDate.of(2025, 12, 31)).rateBasisPoints()).isEqualTo(2000);
        assertThat(table.ruleOn("RU", LocalDate.of(2026, 1, 1)).rateBasisPoints()).isEqualTo(2200);
    }

    @Test
    void shouldApplyKazakhVatTwelvePercentUntil2025AndSixteenFrom2026() {
        assertThat(table.ruleOn("KZ", LocalDate.of(2025, 12, 31)).rateBasisPoints()).isEqualTo(1200);
        assertThat(table.ruleOn("KZ", LocalDate.of(2026, 1, 1)).rateBasisPoints()).isEqualTo(1600);
        assertThat(table.ruleOn("KZ", LocalDate.of(2026, 1, 1)).percentText()).isEqualTo("16");
    }

    @Test
    void shouldRefuseADateWithoutTaxRuleAndOverlappingRules() {
        assertThatThrownBy(() -> table.ruleOn("RU", LocalDate.of(2018, 6, 1))).hasMessageContaining("no tax rule");
        assertThatThrownBy(() -> new TaxTable(List.of(
                new TaxRule("RU", "НДС", LocalDate.of(2020, 1, 1), null, 2000),
                new TaxRule("RU", "НДС", LocalDate.of(2026, 1, 1), null, 2200)))).hasMessageContaining("overlap");
    }

    @Test
    void shouldTakeNetOutOfCloudPbxPricePerUnitByDividingByOnePointTwo() {
        // Seed 002, note 3: net = price / 1.2 rounded half-up to kopecks.
        // 490 / 1.2 = 408.3333 -> 408.33; VAT = 408.33 * 0.2 = 81.666 -> 81.67; gross 490.00.
        assertThat(perUnit(1, "490", 2000)).isEqualTo(new LineAmounts(40_833, 8_167, 49_000));
        // 3 employees at 200: unit net 200 / 1.2 = 166.67; net 500.01; VAT 100.002 -> 100.00; gross 600.01,
        // a kopeck above the list's 600: the seed's rule, kept.
        assertThat(perUnit(3, "200", 2000)).isEqualTo(new LineAmounts(50_001, 10_000, 60_001));
    }

    @Test
    void shouldTakeNetOutOfKenseFeePerLineSoTheCustomerPaysTheList() {
        // 34 990 incl. 12 % VAT: net = 34990 / 1.12 = 31241.0714 -> 31241.07; VAT = 3748.93.
        assertThat(perLine(1, "34990", 1200)).isEqualTo(new LineAmounts(3_124_107, 374_893, 3_499_000));
        // From 2026, 16 %: net = 34990 / 1.16 = 30163.7931 -> 30163.79; VAT = 4826.21.
        assertThat(perLine(1, "34990", 1600)).isEqualTo(new LineAmounts(3_016_379, 482_621, 3_499_000));
    }

    @Test
    void shouldAddTaxOnTopOfPricesThatExcludeIt() {
        // 2 x 10.005 = 20.01 net; VAT 20 % = 4.002 -> 4.00; gross 24.01.
        LineAmounts line = LineTax.priced(2, Money.parseScaled("10.005"), 1, 1, 2000, PriceTaxBasis.EXCLUDES_TAX, Currency.USD);
        assertThat(line).isEqualTo(new LineAmounts(2_001, 400, 2_401));
    }

    @Test
    void shouldProrateCloudPbxFeeOnTheNetAmount() {
        // Seed 002, note 2: 1 790 a month, 20 of 30 days charged.
        // unit net 1790 / 1.2 = 1491.6667 -> 1491.67; x 20/30 = 994.4467 -> 994.45; VAT 198.89; gross 1193.34.
        LineAmounts line = LineTax.priced(1, Money.parseScaled("1790"), 20, 30, 2000, PriceTaxBasis.INCLUDES_TAX_PER_UNIT, Currency.RUB);
        assertThat(line).isEqualTo(new LineAmounts(99_445, 19_889, 119_334));
    }

    @Test
    void shouldSplitSummedUsageAmountsPerLine() {
        // 36.5 KZT of overage incl. 12 %: net 36.50 / 1.12 = 32.589 -> 32.59; VAT 3.91.
        assertThat(LineTax.summed(365_000, 1200, PriceTaxBasis.INCLUDES_TAX_PER_LINE, Currency.KZT))
                .isEqualTo(new LineAmounts(3_259, 391, 3_650));
    }

    private static LineAmounts perUnit(long quantity, String price, int bp) {
        return LineTax.priced(quantity, Money.parseScaled(price), 1, 1, bp, PriceTaxBasis.INCLUDES_TAX_PER_UNIT, Currency.RUB);
    }

    private static LineAmounts perLine(long quantity, String price, int bp) {
        return LineTax.priced(quantity, Money.parseScaled(price), 1, 1, bp, PriceTaxBasis.INCLUDES_TAX_PER_LINE, Currency.KZT);
    }
}
