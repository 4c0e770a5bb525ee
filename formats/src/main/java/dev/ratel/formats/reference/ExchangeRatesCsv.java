package dev.ratel.formats.reference;

import dev.ratel.core.money.Currency;
import dev.ratel.core.money.ExchangeRates;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code exchange-rates.csv}: columns {@code date} (YYYY-MM-DD, the day the rate takes
 * effect), {@code pair} ({@code USD/KZT}: one USD costs {@code rate} KZT), {@code rate} (a decimal
 * with at most six decimals). Extra columns are ignored. A rate holds until the next date of the pair.
 */
public final class ExchangeRatesCsv {
    private ExchangeRatesCsv() {
    }

    /**
     * @throws ReferenceDataException naming the file, line and column of the first bad row
     */
    public static ExchangeRates read(Path file) throws ReferenceDataException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        List<ExchangeRates.Quote> quotes = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (String column : List.of("date", "pair", "rate")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new ReferenceDataException(file, 1, "missing required column '" + column + "'");
                }
            }
            for (CSVRecord row : parser) {
                int line = (int) parser.getCurrentLineNumber();
                try {
                    LocalDate date = LocalDate.parse(row.get("date"));
                    String[] pair = row.get("pair").split("/");
                    if (pair.length != 2) {
                        throw new IllegalArgumentException("pair '" + row.get("pair") + "' must look like USD/KZT");
                    }
                    BigDecimal rate;
                    try {
                        rate = new BigDecimal(row.get("rate"));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("rate '" + row.get("rate") + "' is not a decimal such as 425.67");
                    }
                    if (rate.stripTrailingZeros().scale() > ExchangeRates.RATE_DIGITS || rate.signum() <= 0) {
                        throw new IllegalArgumentException("rate '" + row.get("rate") + "' must be positive with at most "
                                + ExchangeRates.RATE_DIGITS + " decimals");
                    }
                    quotes.add(new ExchangeRates.Quote(date, Currency.fromCode(pair[0].trim()), Currency.fromCode(pair[1].trim()), rate));
                } catch (DateTimeException e) {
                    throw new ReferenceDataException(file, line, "date '" + row.get("date") + "' is not YYYY-MM-DD");
                } catch (IllegalArgumentException e) {
                    throw new ReferenceDataException(file, line, e.getMessage());
                }
            }
            return new ExchangeRates(quotes);
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ReferenceDataException.unreadable(file, 1, e);
        } catch (IllegalArgumentException e) {
            throw new ReferenceDataException(file, 0, e.getMessage());
        }
    }
}
