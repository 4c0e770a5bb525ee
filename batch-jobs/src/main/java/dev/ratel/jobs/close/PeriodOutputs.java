package dev.ratel.jobs.close;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.Money;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.formats.csv.SafeCsvPrinter;
import dev.ratel.jobs.documents.InvoiceRegister;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a closed period's files under {@code OUT/YYYY-MM/} from the issued invoices: the contract's
 * {@code invoices.csv} and {@code invoice-lines.csv}, {@code allowances-expired.csv},
 * the invoice register and {@code run-summary.json} (the per-account documents are {@link DocumentWriter}'s). Every file is written under a hidden
 * temporary name and renamed into place, so a killed run never leaves a half-written file that
 * looks final; the CSVs depend only on the stored invoices, so writing them again gives the same
 * bytes.
 */
public final class PeriodOutputs {
    public static final List<String> INVOICE_COLUMNS = List.of("account_id", "invoice_no", "period", "issue_date", "due_date",
            "currency", "net", "tax", "gross", "flags");
    public static final List<String> LINE_COLUMNS = List.of("account_id", "invoice_no", "line_no", "code", "description",
            "quantity", "unit", "unit_price", "net", "tax_rate", "tax", "gross");
    public static final List<String> EXPIRY_COLUMNS = List.of("account_id", "owner", "bucket", "unit", "granted", "used", "expired");

    private PeriodOutputs() {
    }

    public static Path directory(Path out, String period) {
        return out.resolve(period);
    }

    /** The expiry of a period, as the expire step keeps it and the period's directory shows it. */
    public static void writeExpiry(Path file, List<AllowanceExpiry.Expired> expired) throws IOException {
        Files.createDirectories(file.getParent());
        publish(file, writer -> {
            SafeCsvPrinter csv = printer(writer, EXPIRY_COLUMNS);
            for (AllowanceExpiry.Expired row : expired) {
                csv.printRecord(row.accountId(), row.owner(), row.bucket(), row.unit(), row.granted(), row.used(), row.expired());
            }
        });
    }

    /**
     * {@code held-accounts.csv} ({@code account_id, reason}): the accounts a close could not invoice; removed when none
     * is held, so the file's presence alone says the period waits for a fix.
     */
    public static void writeHeld(Path directory, Map<String, String> held) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("held-accounts.csv");
        if (held.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        publish(file, writer -> {
            SafeCsvPrinter csv = printer(writer, List.of("account_id", "reason"));
            for (Map.Entry<String, String> account : held.entrySet()) {
                csv.printRecord(account.getKey(), account.getValue());
            }
        });
    }

    /** What {@link #writePeriodFiles} published: how many invoices, and their totals per currency. */
    public record Published(int invoices, Map<String, Map<String, String>> totals) {
    }

    /**
     * The period's {@code invoices.csv}, {@code invoice-lines.csv} and {@code invoice-register.xlsx} in one pass over the
     * stored invoices in the order of their numbers, page by page (a million invoices are never in memory at once), and
     * {@code allowances-expired.csv} copied from the home. Each file is published whole.
     */
    public static Published writePeriodFiles(Path directory, String period, InvoiceStore store, ReferenceData reference, Path expiry)
            throws IOException {
        Files.createDirectories(directory);
        Map<String, LineAmounts> sums = new TreeMap<>();
        int[] count = {0};
        publish(directory.resolve("invoices.csv"), invoicesFile -> publish(directory.resolve("invoice-lines.csv"), linesFile ->
                publishStream(directory.resolve("invoice-register.xlsx"), registerFile -> {
                    SafeCsvPrinter invoicesCsv = printer(invoicesFile, INVOICE_COLUMNS);
                    SafeCsvPrinter linesCsv = printer(linesFile, LINE_COLUMNS);
                    try (InvoiceRegister register = new InvoiceRegister("за " + period, reference)) {
                        store.forEachInvoice(period, invoice -> {
                            printInvoice(invoicesCsv, invoice);
                            printLines(linesCsv, invoice);
                            register.add(invoice);
                            sums.merge(invoice.currency().name(), invoice.total(), LineAmounts::plus);
                            count[0]++;
                        });
                        invoicesCsv.flush();
                        linesCsv.flush();
                        register.finish(registerFile);
                    }
                })));
        publishStream(directory.resolve("allowances-expired.csv"), out -> Files.copy(expiry, out));
        return new Published(count[0], format(sums));
    }

    private static void printInvoice(SafeCsvPrinter csv, Invoice invoice) throws IOException {
        LineAmounts total = invoice.total();
        csv.printRecord(invoice.accountId(), invoice.invoiceNo(), invoice.period(), invoice.issueDate(), invoice.dueDate(),
                invoice.currency().name(), Money.formatMinor(total.netMinor()), Money.formatMinor(total.taxMinor()),
                Money.formatMinor(total.grossMinor()), invoice.flagsText());
    }

    private static void printLines(SafeCsvPrinter csv, Invoice invoice) throws IOException {
        for (Invoice.Line line : invoice.lines()) {
            csv.printRecord(invoice.accountId(), invoice.invoiceNo(), line.lineNo(), line.code(), line.description(),
                    line.quantity(), line.unit(), line.unitPriceScaled() == null ? "" : Money.formatScaled(line.unitPriceScaled()),
                    Money.formatMinor(line.amounts().netMinor()), BigDecimal.valueOf(line.taxBasisPoints(), 2).toPlainString(),
                    Money.formatMinor(line.amounts().taxMinor()), Money.formatMinor(line.amounts().grossMinor()));
        }
    }

    public static void writeSummary(Path directory, Map<String, Object> summary) throws IOException {
        Files.createDirectories(directory);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        publish(directory.resolve("run-summary.json"), file -> file.write(json.writeValueAsString(summary) + "\n"));
    }

    /** Totals of the invoices per currency: {@code {"KZT": {"net": "…", "tax": "…", "gross": "…"}}}. */
    public static Map<String, Map<String, String>> totals(List<Invoice> invoices) {
        Map<String, LineAmounts> sums = new TreeMap<>();
        for (Invoice invoice : invoices) {
            sums.merge(invoice.currency().name(), invoice.total(), LineAmounts::plus);
        }
        return format(sums);
    }

    private static Map<String, Map<String, String>> format(Map<String, LineAmounts> sums) {
        Map<String, Map<String, String>> totals = new TreeMap<>();
        sums.forEach((currency, sum) -> {
            // in this order on every run: Map.of would iterate in an order drawn per JVM, and run-summary.json differ
            Map<String, String> amounts = new LinkedHashMap<>();
            amounts.put("net", Money.formatMinor(sum.netMinor()));
            amounts.put("tax", Money.formatMinor(sum.taxMinor()));
            amounts.put("gross", Money.formatMinor(sum.grossMinor()));
            totals.put(currency, amounts);
        });
        return totals;
    }

    /**
     * A file name from an id that cannot leave the directory or hide: anything but [A-Za-z0-9._-]
     * becomes '_', a leading '.' too. An id that had to change (or is over 120 characters) also gets
     * the start of its SHA-256, so two ids never share a file ("A/B" and "A_B" are different accounts).
     */
    public static String safeFileName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.equals(id) && safe.length() <= MAX_NAME) {
            return safe;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return safe.substring(0, Math.min(safe.length(), MAX_NAME)) + "-" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static final int MAX_NAME = 120;

    private interface WriterBody {
        void write(Writer writer) throws IOException;
    }

    interface StreamBody {
        void write(OutputStream out) throws IOException;
    }

    /** A printer that {@link #publish} flushes and closes with its file. */
    private static SafeCsvPrinter printer(Writer writer, List<String> header) throws IOException {
        return new SafeCsvPrinter(writer, header.toArray(new String[0]));
    }

    private static void publish(Path target, WriterBody body) throws IOException {
        publishStream(target, out -> {
            Writer writer = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(writer);
            writer.flush();
        });
    }

    private static void publishStream(Path target, StreamBody body) throws IOException {
        dev.ratel.jobs.documents.AtomicFile.write(target, body::write);
    }
}
