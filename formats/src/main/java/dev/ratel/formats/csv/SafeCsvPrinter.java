package dev.ratel.formats.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every CSV Ratel writes for a person to open (invoices, invoice lines, expiry, held accounts,
 * rejects, credit control, reports): RFC 4180, UTF-8, {@code \n} between records, and one rule
 * against formula injection, applied to every cell:
 *
 * <p>a cell whose first character that is not a space is {@code = + - @}, or that starts with a tab
 * or a carriage return, is written with a leading apostrophe {@code '}, which a spreadsheet shows
 * as text and does not evaluate; a plain decimal number ({@code -425.67}, {@code +3}) is left as
 * it is, so amounts stay numbers. Ids cannot start with those characters at all ({@code IdSyntax});
 * the rule protects free text: customer names, descriptions, reasons, and raw lines from outside.
 */
public final class SafeCsvPrinter implements Closeable, Flushable {
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    private final CSVPrinter printer;

    public SafeCsvPrinter(Appendable out, String... header) throws IOException {
        printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader(header).get());
    }

    public void printRecord(Object... values) throws IOException {
        Object[] cells = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = cell(values[i]);
        }
        printer.printRecord(cells);
    }

    /** The value as the rule writes it: text that a spreadsheet would read as a formula gets an apostrophe first. */
    public static Object cell(Object value) {
        if (!(value instanceof CharSequence)) {
            return value;
        }
        String text = value.toString();
        return startsFormula(text) ? "'" + text : text;
    }

    static boolean startsFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        if (first == '\t' || first == '\r') {
            return true;
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i == text.length()) {
            return false;
        }
        char sign = text.charAt(i);
        if (sign != '=' && sign != '+' && sign != '-' && sign != '@') {
            return false;
        }
        return !PLAIN_NUMBER.matcher(text).matches();
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
