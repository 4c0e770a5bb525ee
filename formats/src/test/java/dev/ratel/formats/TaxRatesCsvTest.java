package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.tax.TaxTable;
import dev.ratel.formats.reference.ExchangeRatesCsv;
import dev.ratel.formats.reference.ReferenceDataException;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.formats.tariff.TariffValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VAT rates are reference data: shipped, replaced by a reference directory's own file, checked with file and line. */
class TaxRatesCsvTest {
    @TempDir
    Path dir;

    @Test
    void shouldShipTheKnownRatesAndLetAReferenceDirectoryReplaceThem() throws Exception {
        TaxTable shipped = TaxRatesCsv.shipped();
        assertThat(shipped.ruleOn("KZ", LocalDate.of(2025, 12, 31)).rateBasisPoints()).isEqualTo(1200);
        assertThat(shipped.ruleOn("KZ", LocalDate.of(2026, 1, 1)).rateBasisPoints()).isEqualTo(1600);
        assertThat(shipped.ruleOn("RU", LocalDate.of(2025, 12, 31)).rateBasisPoints()).isEqualTo(2000);
        assertThat(shipped.ruleOn("RU", LocalDate.of(2026, 1, 1)).rateBasisPoints()).isEqualTo(2200);
        assertThat(TaxRatesCsv.of(dir)).isNotNull(); // no file: the shipped rates
        // the next change of a rate is a line in a file, not a release
        Files.writeString(dir.resolve("tax-rates.csv"), "jurisdiction,name,from,rate_percent\nKZ,НДС,2009-01-01,12\nKZ,НДС,2026-01-01,16\n"
                + "KZ,НДС,2027-07-01,16.5\n");
        TaxTable own = TaxRatesCsv.of(dir);
        assertThat(own.ruleOn("KZ", LocalDate.of(2027, 6, 30)).rateBasisPoints()).isEqualTo(1600);
        assertThat(own.ruleOn("KZ", LocalDate.of(2027, 7, 1)).rateBasisPoints()).isEqualTo(1650);
        assertThat(own.knowsJurisdiction("RU")).isFalse();
    }

    @Test
    void shouldNameTheFileAndLineOfABadRow() throws Exception {
        Path file = dir.resolve("tax-rates.csv");
        Files.writeString(file, "jurisdiction,name,from,rate_percent\nRU,НДС,2019-01-01,20\nRU,НДС,2026-01-01\n");
        assertThatThrownBy(() -> TaxRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":3: the row has 3 of the header's 4 columns; give it jurisdiction, name, from and rate_percent");
        Files.writeString(file, "jurisdiction,name,from,rate_percent\nRU,НДС,2019-01-01,20\nRU,НДС,2019-01-01,22\n");
        assertThatThrownBy(() -> TaxRatesCsv.read(file)).hasMessage(file + ":3: a second rate of RU from 2019-01-01 (first on line 2); keep one");
        Files.writeString(file, "jurisdiction,name,from,rate_percent\nRU,НДС,2019-01-01,twenty\n");
        assertThatThrownBy(() -> TaxRatesCsv.read(file)).hasMessage(file + ":2: rate_percent 'twenty' is not a number such as 16");
        // found by the loader fuzz: a header cell without a name escaped as the CSV library's IllegalArgumentException
        Files.writeString(file, "jurisdiction,name,,from,rate_percent\nRU,НДС,x,2019-01-01,20\n");
        assertThatThrownBy(() -> TaxRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class).hasMessage(file
                + ":1: a column of the header has no name; name each column once: jurisdiction, name, from, rate_percent");
    }

    @Test
    void shouldNameBothLinesOfAnExchangeRateGivenTwiceAndAHeaderCellWithoutAName() throws Exception {
        Path file = dir.resolve("exchange-rates.csv");
        Files.writeString(file, "date,pair,rate\n2024-04-01,USD/KZT,425.67\n2024-04-01,EUR/KZT,496.42\n2024-04-01,USD/KZT,425.70\n");
        assertThatThrownBy(() -> ExchangeRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":4: a second USD/KZT rate on 2024-04-01 (the first is on line 2); keep one");
        // found by the loader fuzz: a quote never closed, or text after one, said in the CSV library's words at the last line
        Files.writeString(file, "date,pair,rate\n2024-04-01,USD/KZT,425.67\n2024-04-02,\"EUR/KZT,496.42\n2024-04-03,USD/KZT,425.7\n\n");
        assertThatThrownBy(() -> ExchangeRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class).hasMessage(file
                + ":3: a quoted value starts on this line and is never closed; add the closing \" or remove the opening one");
        Files.writeString(file, "date,pair,rate\n2024-04-01,USD/KZT,425.67\n2024-04-02,\"EUR/\"KZT,496.42\n");
        assertThatThrownBy(() -> ExchangeRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class).hasMessage(file
                + ":3: text follows a closing quote; quote the whole value and double each \" inside it");
        Files.writeString(file, "date,pair,rate,\n2024-04-01,USD/KZT,425.67,\n");
        assertThatThrownBy(() -> ExchangeRatesCsv.read(file)).isInstanceOf(ReferenceDataException.class)
                .hasMessage(file + ":1: a column of the header has no name; name each column once: date, pair, rate");
    }

    @Test
    void shouldRefuseAPlanVersionWithoutARateInForce() throws Exception {
        // rates from 2026 only: the sample Keńse 15, from 2024-01-01, would have months no invoice can be issued for
        Files.writeString(dir.resolve("tax-rates.csv"), "jurisdiction,name,from,rate_percent\nKZ,НДС,2026-01-01,16\nRU,НДС,2026-01-01,22\n");
        Path tariffs = Files.createDirectories(dir.resolve("tariffs"));
        Files.copy(Path.of("../samples/tariffs/kense-15.yaml"), tariffs.resolve("kense-15.yaml"));
        assertThatThrownBy(() -> new TariffLoader(TaxRatesCsv.of(dir)).loadDirectory(tariffs)).isInstanceOf(TariffValidationException.class)
                .hasMessageContaining("kense-15.yaml:").hasMessageContaining("no VAT rate of KZ is in force on 2024-01-01 (tax-rates.csv)");
    }
}
