package dev.ratel.jobs.documents;

import dev.ratel.jobs.close.Invoice;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The act of completed work with Appendix No. 1 as XLSX: sheets «Акт» and «Приложение 1». */
public final class ActXlsx {
    private ActXlsx() {
    }

    public static void write(Act act, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheets cells = new Sheets(workbook);
            Invoice invoice = act.invoice();
            Sheet sheet = workbook.createSheet("Акт");
            cells.bold(sheet.createRow(0), 0, act.title());
            String label = DocumentText.taxIdLabel(act.plan().taxJurisdiction());
            cells.label(sheet.createRow(1), 0, "Заказчик: " + act.customer().customerName() + ", " + label + " " + act.customer().taxId());
            cells.label(sheet.createRow(2), 0, "Исполнитель: " + act.plan().seller().name() + ", " + label + " " + act.plan().seller().taxId());
            cells.label(sheet.createRow(3), 0, "Договор: " + DocumentText.basis(act.details(), invoice.accountId(), act.plan().name())
                    + "; период: " + DocumentText.period(invoice.period()));
            cells.header(sheet, 5, "№ п/п", "Наименование работ (услуг)", "Дата выполнения", "Ед. изм.", "Кол-во", "Цена за ед.",
                    "Стоимость без НДС", "НДС", "Стоимость");
            int rowIndex = 6;
            for (Invoice.Line line : invoice.lines()) {
                Row row = sheet.createRow(rowIndex++);
                cells.number(row, 0, line.lineNo());
                cells.text(row, 1, line.description());
                cells.date(row, 2, invoice.issueDate());
                cells.text(row, 3, line.unit());
                cells.decimal(row, 4, line.quantity());
                if (line.unitPriceScaled() == null) {
                    cells.text(row, 5, "");
                } else {
                    cells.decimal(row, 5, java.math.BigDecimal.valueOf(line.unitPriceScaled(), 4).stripTrailingZeros().toPlainString());
                }
                cells.money(row, 6, line.amounts().netMinor());
                cells.money(row, 7, line.amounts().taxMinor());
                cells.money(row, 8, line.amounts().grossMinor());
            }
            Sheets.table(sheet, 5, rowIndex - 1, 8);
            Row total = sheet.createRow(rowIndex + 1);
            cells.bold(total, 1, "Итого, " + invoice.currency().name());
            cells.totalMoney(total, 6, invoice.total().netMinor());
            cells.totalMoney(total, 7, invoice.total().taxMinor());
            cells.totalMoney(total, 8, invoice.total().grossMinor());
            cells.label(sheet.createRow(rowIndex + 2), 1, AmountInWords.of(invoice.total().grossMinor(), invoice.currency()));
            Sheets.layout(sheet, 7, 60, 12, 8, 10, 12, 16, 14, 16);

            Sheet appendix = workbook.createSheet("Приложение 1");
            cells.bold(appendix.createRow(0), 0, "Приложение № 1 к акту № " + invoice.invoiceNo());
            cells.header(appendix, 2, "Номер", "Тип", "Звонки, мин", "из пакета, мин", "SMS", "из пакета", "Данные, МБ",
                    "из пакета, МБ", "Сгорело в конце месяца", "Начислено сверх пакета, с НДС");
            int numberRow = 3;
            for (Act.NumberRow number : act.numbers()) {
                Row row = appendix.createRow(numberRow++);
                cells.text(row, 0, number.number());
                cells.text(row, 1, number.kind());
                cells.decimal(row, 2, number.voiceMinutes());
                cells.decimal(row, 3, number.voiceFromAllowances());
                cells.number(row, 4, number.sms());
                cells.number(row, 5, number.smsFromAllowances());
                cells.decimal(row, 6, number.dataMegabytes());
                cells.decimal(row, 7, number.dataFromAllowances());
                cells.text(row, 8, number.expired());
                if (number.chargedMinor() != null) {
                    cells.money(row, 9, number.chargedMinor());
                } else {
                    cells.text(row, 9, "");
                }
            }
            Sheets.table(appendix, 2, numberRow - 1, 9);
            Row chargedTotal = appendix.createRow(numberRow);
            cells.bold(chargedTotal, 8, "Итого начислено сверх пакета, " + invoice.currency().name() + " (с НДС)");
            cells.totalMoney(chargedTotal, 9, act.chargedTotalMinor());
            Sheets.layout(appendix, 16, 10, 12, 14, 8, 10, 12, 14, 50, 16);
            workbook.write(out);
        }
    }
}
