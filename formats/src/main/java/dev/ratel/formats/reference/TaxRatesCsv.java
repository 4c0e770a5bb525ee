package dev.ratel.formats.reference;

import dev.ratel.core.tax.TaxRule;
import dev.ratel.core.tax.TaxTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code tax-rates.csv}, the VAT rates by date: columns {@code jurisdiction} ({@code RU}, {@code KZ}),
 * {@code name} (as documents print it, НДС), {@code from} (the first day a rate applies) and
 * {@code rate_percent} (at most two decimals). A rate holds until the day before the next {@code from} of
 * its jurisdiction. Ratel ships the rates it knows ({@link #shipped()}); a reference directory's own file
 * replaces them, so the next change of a rate needs a line in a file, not a release.
 */
public final class TaxRatesCsv {
    /** The name of the file in a reference directory. */
    public static final String FILE = "tax-rates.csv";
    private static final String SHIPPED = "/dev/ratel/formats/reference/tax-rates.csv";

    private TaxRatesCsv() {
    }

    /** The reference directory's {@code tax-rates.csv}, or the shipped rates when it has none. */
    public static TaxTable of(Path referenceDirectory) throws ReferenceDataException {
        Path file = referenceDirectory.resolve(FILE);
        return Files.exists(file) ? read(file) : shipped();
    }

    /** The rates Ratel ships: RU 20 %, 22 % from 2026-01-01; KZ 12 %, 16 % from 2026-01-01. */
    public static TaxTable shipped() {
        try (InputStream in = TaxRatesCsv.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the shipped " + SHIPPED + " is missing from the jar");
            }
            return parse(Path.of("(shipped) " + FILE), new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | ReferenceDataException e) {
            throw new IllegalStateException("the shipped tax rates cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @throws ReferenceDataException naming the file, line and column of the first bad row
     */
    public static TaxTable read(Path file) throws ReferenceDataException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, reader);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw ReferenceDataException.unreadable(file, 1, e);
        }
    }

    private record Row(int line, String jurisdiction, String name, LocalDate from, int basisPoints) {
    }

    private static TaxTable parse(Path file, Reader reader) throws ReferenceDataException, IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = parser(file, reader, format)) {
            for (String column : List.of("jurisdiction", "name", "from", "rate_percent")) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new ReferenceDataException(file, 1, "missing required column '" + column + "'; the header must name"
                            + " jurisdiction, name, from, rate_percent");
                }
            }
            for (CSVRecord record : parser) {
                int line = (int) parser.getCurrentLineNumber();
                if (record.size() < parser.getHeaderMap().size()) {
                    throw new ReferenceDataException(file, line, "the row has " + record.size() + " of the header's "
                            + parser.getHeaderMap().size() + " columns; give it jurisdiction, name, from and rate_percent");
                }
                String jurisdiction = record.get("jurisdiction");
                if (!jurisdiction.matches("[A-Z]{2}")) {
                    throw new ReferenceDataException(file, line, "jurisdiction '" + jurisdiction + "' must be a country code such as KZ or RU");
                }
                LocalDate from;
                try {
                    from = LocalDate.parse(record.get("from"));
                } catch (DateTimeException e) {
                    throw new ReferenceDataException(file, line, "from '" + record.get("from") + "' is not a date YYYY-MM-DD");
                }
                BigDecimal percent;
                try {
                    percent = new BigDecimal(record.get("rate_percent"));
                } catch (NumberFormatException e) {
                    throw new ReferenceDataException(file, line, "rate_percent '" + record.get("rate_percent") + "' is not a number such as 16");
                }
                if (percent.scale() > 2 || percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new ReferenceDataException(file, line, "rate_percent '" + record.get("rate_percent")
                            + "' must be 0 to 100 with at most two decimals");
                }
                rows.add(new Row(line, jurisdiction, record.get("name").isEmpty() ? "НДС" : record.get("name"), from,
                        percent.movePointRight(2).intValueExact()));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw ReferenceDataException.unreadable(file, 1, e);
        }
        rows.sort(Comparator.comparing(Row::jurisdiction).thenComparing(Row::from));
        List<TaxRule> rules = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Row next = i + 1 < rows.size() && rows.get(i + 1).jurisdiction().equals(row.jurisdiction()) ? rows.get(i + 1) : null;
            if (next != null && next.from().equals(row.from())) {
                throw new ReferenceDataException(file, next.line(), "a second rate of " + row.jurisdiction() + " from " + row.from()
                        + " (first on line " + row.line() + "); keep one");
            }
            rules.add(new TaxRule(row.jurisdiction(), row.name(), row.from(), next == null ? null : next.from().minusDays(1), row.basisPoints()));
        }
        return new TaxTable(rules);
    }

    private static CSVParser parser(Path file, Reader reader, CSVFormat format) throws IOException, ReferenceDataException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (IllegalArgumentException e) {
            throw ReferenceDataException.badHeader(file, e, "jurisdiction", "name", "from", "rate_percent");
        }
    }
}
