package dev.ratel.formats.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a numbering register in the Russian regulator's ABC/DEF format, as published:
 * UTF-8 with or without a byte-order mark, {@code ;}-separated, a header row
 * ({@code АВС/ DEF;От;До;Емкость;Оператор;Регион;ИНН}), then one range a row: the three-digit
 * code, the first and last subscriber number inside it (written without leading zeros; the full
 * number is {@code 7} + code + seven digits, zero-padded), the capacity, operator (quoted, with
 * doubled inner quotes), region and the operator's tax id. Columns are taken by position, since
 * header spellings vary between exports.
 */
public final class NumberRangeRegister {
    /** One range: full international numbers, both ends inclusive. */
    public record Range(long fromNumber, long toNumber, String operator, String region, String operatorTaxId) {
    }

    private NumberRangeRegister() {
    }

    /**
     * @throws ReferenceDataException naming the line of the first row that is not a valid range
     */
    public static List<Range> read(Path file) throws ReferenceDataException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(';').setTrim(true).get();
        List<Range> ranges = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            boolean header = true;
            for (CSVRecord row : parser) {
                int line = (int) parser.getCurrentLineNumber();
                String first = row.get(0).replace("\uFEFF", "");
                if (header) {
                    header = false;
                    if (first.isEmpty() || !first.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                }
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue;
                }
                if (row.size() < 6) {
                    throw new ReferenceDataException(file, line, "expected code;from;to;capacity;operator;region[;tax id], got "
                            + row.size() + " field(s)");
                }
                try {
                    int code = Integer.parseInt(first);
                    long from = Long.parseLong(row.get(1));
                    long to = Long.parseLong(row.get(2));
                    if (code < 100 || code > 999 || from < 0 || to > 9_999_999 || to < from) {
                        throw new NumberFormatException();
                    }
                    long base = 70_000_000_000L + code * 10_000_000L;
                    ranges.add(new Range(base + from, base + to, row.get(4), row.get(5), row.size() > 6 ? row.get(6) : ""));
                } catch (NumberFormatException e) {
                    throw new ReferenceDataException(file, line, "code must be three digits and from <= to seven-digit numbers");
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReferenceDataException(file, 0, "cannot read: " + e.getMessage());
        }
        return ranges;
    }
}
