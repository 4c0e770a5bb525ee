package dev.ratel.jobs.documents;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import dev.ratel.core.money.Money;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;

/** The act of completed work with Appendix No. 1 as a PDF in Russian (columns of form Р-1). */
public final class ActPdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private ActPdf() {
    }

    public static void write(Act act, OutputStream out) throws IOException {
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out).setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        document.addTitle(act.title());
        document.addCreator("Ratel");
        document.open();
        try {
            Font small = DocumentFonts.regular(8);
            Font normal = DocumentFonts.regular(10);
            Font bold = DocumentFonts.bold(10);
            Invoice invoice = act.invoice();
            String label = act.plan().taxJurisdiction().equals("KZ") ? "БИН/ИИН" : "ИНН";
            Paragraph title = new Paragraph(act.title(), DocumentFonts.bold(13));
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph period = new Paragraph("за период " + invoice.period() + "; к счёту № " + invoice.invoiceNo(), normal);
            period.setAlignment(Element.ALIGN_CENTER);
            period.setSpacingAfter(8);
            document.add(period);
            document.add(line("Заказчик: ", act.customer().customerName() + ", " + label + " " + act.customer().taxId(), bold, normal));
            document.add(line("Исполнитель: ", act.plan().seller().name() + ", " + label + " " + act.plan().seller().taxId(), bold, normal));
            document.add(line("Договор: ", "лицевой счёт " + invoice.accountId() + ", тарифный план «" + act.plan().name() + "»", bold, normal));
            document.add(new Paragraph(" ", small));

            PdfPTable table = table(new float[] {3, 30, 9, 6, 7, 9, 10});
            heading(table, "№ п/п", "Наименование работ (услуг)", "Дата выполнения", "Ед. изм.", "Кол-во", "Цена за ед.", "Стоимость");
            for (Invoice.Line line : invoice.lines()) {
                table.addCell(cell(Integer.toString(line.lineNo()), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.description(), small, Element.ALIGN_LEFT));
                table.addCell(cell(DATE.format(invoice.issueDate()), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.unit(), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.quantity(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(line.unitPriceScaled() == null ? "—" : Money.formatScaled(line.unitPriceScaled()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(Money.formatMinor(line.amounts().grossMinor()), small, Element.ALIGN_RIGHT));
            }
            LineAmounts total = invoice.total();
            PdfPCell label2 = new PdfPCell(new Phrase("Итого, " + invoice.currency().name() + " (в том числе НДС "
                    + Money.formatMinor(total.taxMinor()) + ")", DocumentFonts.bold(8)));
            label2.setColspan(6);
            label2.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(label2);
            table.addCell(cell(Money.formatMinor(total.grossMinor()), DocumentFonts.bold(8), Element.ALIGN_RIGHT));
            document.add(table);
            Paragraph words = new Paragraph("Всего оказано услуг на сумму: " + AmountInWords.of(total.grossMinor(), invoice.currency()), normal);
            words.setSpacingBefore(6);
            document.add(words);
            document.add(new Paragraph("Услуги оказаны в полном объёме, в установленные сроки. Заказчик претензий по объёму, качеству и срокам не имеет.", small));
            Paragraph sign = new Paragraph("Сдал (Исполнитель) ____________________  М.П.            Принял (Заказчик) ____________________  М.П.", normal);
            sign.setSpacingBefore(18);
            document.add(sign);

            document.newPage();
            Paragraph appendix = new Paragraph("Приложение № 1 к акту № " + invoice.invoiceNo() + ": услуги по номерам", DocumentFonts.bold(12));
            appendix.setSpacingAfter(8);
            document.add(appendix);
            PdfPTable numbers = table(new float[] {10, 7, 7, 7, 5, 5, 8, 8, 22, 8});
            heading(numbers, "Номер", "Тип", "Звонки, мин", "из пакета, мин", "SMS", "из пакета", "Данные, МБ", "из пакета, МБ",
                    "Сгорело в конце месяца", "Начислено сверх пакета");
            for (Act.NumberRow row : act.numbers()) {
                numbers.addCell(cell(row.number(), small, Element.ALIGN_LEFT));
                numbers.addCell(cell(row.kind(), small, Element.ALIGN_CENTER));
                numbers.addCell(cell(row.voiceMinutes(), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(row.voiceFromAllowances(), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(Long.toString(row.sms()), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(Long.toString(row.smsFromAllowances()), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(row.dataMegabytes(), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(row.dataFromAllowances(), small, Element.ALIGN_RIGHT));
                numbers.addCell(cell(row.expired(), small, Element.ALIGN_LEFT));
                numbers.addCell(cell(row.chargedUsage(), small, Element.ALIGN_RIGHT));
            }
            document.add(numbers);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException("cannot render the act of " + act.invoice().accountId() + ": " + e.getMessage(), e);
        } finally {
            document.close();
        }
    }

    private static PdfPTable table(float[] widths) {
        PdfPTable table = new PdfPTable(widths);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        return table;
    }

    private static void heading(PdfPTable table, String... headings) {
        for (String heading : headings) {
            PdfPCell cell = new PdfPCell(new Phrase(heading, DocumentFonts.bold(8)));
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            cell.setGrayFill(0.9f);
            table.addCell(cell);
        }
    }

    private static Paragraph line(String label, String text, Font bold, Font normal) {
        Paragraph paragraph = new Paragraph();
        paragraph.add(new Phrase(label, bold));
        paragraph.add(new Phrase(text, normal));
        return paragraph;
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        return cell;
    }
}
