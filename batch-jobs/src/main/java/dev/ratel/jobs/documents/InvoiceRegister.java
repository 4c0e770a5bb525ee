package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The invoice register (реестр счетов-фактур) as XLSX: one row per invoice with number, date,
 * period, account, customer, tax id, net, VAT, total and currency, then totals per currency.
 * Streamed (SXSSF) and filled invoice by invoice, so a register of any length keeps a flat heap.
 */
public final class InvoiceRegister implements AutoCloseable {
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final Sheets cells = new Sheets(workbook);
    private final Sheet sheet = workbook.createSheet("Реестр");
    private final ReferenceData reference;
    private final java.util.Map<String, LineAmounts> totals = new java.util.TreeMap<>();
    private int rowIndex = 3;

    /** A register to which invoices are added one by one, in the order they are listed. */
    public InvoiceRegister(String title, ReferenceData reference) {
        this.reference = reference;
        cells.bold(sheet.createRow(0), 0, "Реестр счетов-фактур " + title);
        cells.header(sheet, 2, "№ п/п", "Номер счёта", "Дата", "Период", "Лицевой счёт", "Покупатель", "БИН/ИНН",
                "Сумма без НДС", "НДС", "Всего", "Валюта");
    }

    public static void write(String title, List<Invoice> invoices, ReferenceData reference, OutputStream out) throws IOException {
        try (InvoiceRegister register = new InvoiceRegister(title, reference)) {
            for (Invoice invoice : invoices) {
                register.add(invoice);
            }
            register.finish(out);
        }
    }

    public void add(Invoice invoice) {
        Account account = reference.accounts().get(invoice.accountId());
        LineAmounts total = invoice.total();
        Row row = sheet.createRow(rowIndex);
        cells.number(row, 0, rowIndex - 2);
        cells.text(row, 1, invoice.invoiceNo());
        cells.date(row, 2, invoice.issueDate());
        cells.text(row, 3, invoice.period());
        cells.text(row, 4, invoice.accountId());
        cells.text(row, 5, account == null ? "" : account.customerName());
        cells.text(row, 6, account == null ? "" : account.taxId());
        cells.money(row, 7, total.netMinor());
        cells.money(row, 8, total.taxMinor());
        cells.money(row, 9, total.grossMinor());
        cells.text(row, 10, invoice.currency().name());
        totals.merge(invoice.currency().name(), total, LineAmounts::plus);
        rowIndex++;
    }

    /** The totals per currency under the rows, then the workbook, to {@code out}. */
    public void finish(OutputStream out) throws IOException {
        Sheets.table(sheet, 2, rowIndex - 1, 10);
        rowIndex++;
        for (var entry : totals.entrySet()) {
            Row row = sheet.createRow(rowIndex++);
            cells.bold(row, 6, "Итого, " + entry.getKey());
            cells.totalMoney(row, 7, entry.getValue().netMinor());
            cells.totalMoney(row, 8, entry.getValue().taxMinor());
            cells.totalMoney(row, 9, entry.getValue().grossMinor());
        }
        Sheets.layout(sheet, 7, 20, 12, 9, 12, 40, 14, 16, 14, 16, 8);
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
