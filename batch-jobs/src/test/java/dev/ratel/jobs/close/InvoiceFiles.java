package dev.ratel.jobs.close;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A closed period's invoice files read back as short strings that a test compares with hand-worked values. */
final class InvoiceFiles {
    private InvoiceFiles() {
    }

    /** The invoice's lines as "code quantity unit price | net VAT gross". */
    static List<String> lines(Path period, String account) throws Exception {
        return linesOf(period, account, cells -> cells.get(3) + " " + cells.get(5) + " " + cells.get(6) + " " + cells.get(7) + " | "
                + cells.get(8) + " " + cells.get(10) + " " + cells.get(11));
    }

    /** The invoice's lines as "code | tax rate" (the rate a percent, as the CSV writes it). */
    static List<String> taxRates(Path period, String account) throws Exception {
        return linesOf(period, account, cells -> cells.get(3) + " | " + cells.get(9));
    }

    private static List<String> linesOf(Path period, String account, java.util.function.Function<List<String>, String> shown)
            throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> rows = Files.readAllLines(period.resolve("invoice-lines.csv"));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = csv(row);
            if (cells.get(0).equals(account)) {
                lines.add(shown.apply(cells));
            }
        }
        return lines;
    }

    /** The invoice as "net VAT gross flags". */
    static String invoice(Path period, String account) throws Exception {
        for (String row : Files.readAllLines(period.resolve("invoices.csv"))) {
            List<String> cells = csv(row);
            if (cells.get(0).equals(account)) {
                return cells.get(6) + " " + cells.get(7) + " " + cells.get(8) + " " + cells.get(9);
            }
        }
        throw new AssertionError("no invoice for " + account);
    }

    /** Whether the period has an invoice for the account. */
    static boolean hasInvoice(Path period, String account) throws Exception {
        for (String row : Files.readAllLines(period.resolve("invoices.csv"))) {
            if (csv(row).get(0).equals(account)) {
                return true;
            }
        }
        return false;
    }

    static List<String> csv(String row) throws Exception {
        try (var parser = org.apache.commons.csv.CSVParser.parse(row, org.apache.commons.csv.CSVFormat.RFC4180)) {
            return parser.getRecords().get(0).toList();
        }
    }
}
