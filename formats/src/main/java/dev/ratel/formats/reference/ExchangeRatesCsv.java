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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code exchange-rates.csv}: columns {@code date} (YYYY-MM-DD, the day the rate takes
 * effect), {@code pair} ({@code USD/KZT}: one USD costs {@code rate} KZT), {@code rate} (a decimal
 * with at most six decimals). Extra columns are ignored. A rate holds until the next date of the pair.
 */
public final class ExchangeRatesCsv {
    /** No currency costs a billion of another; the bound keeps a rate's millionths within a long. */
    private static final BigDecimal MAX_RATE = BigDecimal.valueOf(1_000_000_000);

    private ExchangeRatesCsv() {
    }

    /**
     * @throws ReferenceDataException naming the file, line and column of the first bad row
     */
    public static ExchangeRates read(Path file) throws ReferenceDataException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        List<ExchangeRates.Quote> quotes = new ArrayList<>();
        Map<String, Integer> lineOfPairOnDay = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = parser(file, reader, format)) {
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
                    // sign and size first: stripping the zeros of 100E2147483647 overflows the scale
                    if (rate.signum() <= 0 || rate.compareTo(MAX_RATE) >= 0 || rate.stripTrailingZeros().scale() > ExchangeRates.RATE_DIGITS) {
                        throw new IllegalArgumentException("rate '" + row.get("rate") + "' must be positive, below 1 000 000 000, with at most "
                                + ExchangeRates.RATE_DIGITS + " decimals");
                    }
                    ExchangeRates.Quote quote = new ExchangeRates.Quote(date, Currency.fromCode(pair[0].trim()),
                            Currency.fromCode(pair[1].trim()), rate);
                    Integer first = lineOfPairOnDay.putIfAbsent(quote.from() + "/" + quote.to() + " " + date, line);
                    if (first != null) {
                        throw new IllegalArgumentException("a second " + quote.from() + "/" + quote.to() + " rate on " + date
                                + " (the first is on line " + first + "); keep one");
                    }
                    quotes.add(quote);
                } catch (DateTimeException e) {
                    throw new ReferenceDataException(file, line, "date '" + row.get("date") + "' is not YYYY-MM-DD");
                } catch (IllegalArgumentException e) {
                    throw new ReferenceDataException(file, line, e.getMessage());
                }
            }
            return new ExchangeRates(quotes);
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw ReferenceDataException.unreadable(file, 1, e);
        }
    }

    private static CSVParser parser(Path file, Reader reader, CSVFormat format) throws IOException, ReferenceDataException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw ReferenceDataException.badHeader(file, e, "date", "pair", "rate");
        }
    }
}
