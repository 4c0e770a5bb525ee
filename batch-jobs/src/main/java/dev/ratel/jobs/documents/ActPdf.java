package dev.ratel.jobs.documents;

import dev.ratel.core.money.Money;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import dev.ratel.jobs.documents.pdf.PageFlow;
import dev.ratel.jobs.documents.pdf.PageFlow.Align;
import dev.ratel.jobs.documents.pdf.PageFlow.Cell;
import dev.ratel.jobs.documents.pdf.PageFlow.Span;
import dev.ratel.jobs.documents.pdf.PageFlow.Style;
import dev.ratel.jobs.documents.pdf.PdfDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;

/**
 * The act of completed work with Appendix No. 1 as a PDF in Russian (columns of form Р-1), written by
 * {@link PdfDocument}: the act on its page, the appendix from a new page.
 */
public final class ActPdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private ActPdf() {
    }

    public static void write(Act act, OutputStream out) throws IOException {
        PdfDocument document = new PdfDocument(InvoicePdf.A4_LANDSCAPE_WIDTH, InvoicePdf.A4_LANDSCAPE_HEIGHT, act.title(),
                DocumentFonts.sans(), DocumentFonts.sansBold());
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(DocumentFonts.sans(), 8);
        Style smallBold = new Style(DocumentFonts.sansBold(), 8);
        Style normal = new Style(DocumentFonts.sans(), 10);
        Style bold = new Style(DocumentFonts.sansBold(), 10);
        Invoice invoice = act.invoice();
        String label = act.plan().taxJurisdiction().equals("KZ") ? "БИН/ИИН" : "ИНН";
        flow.paragraph(Align.CENTER, new Span(new Style(DocumentFonts.sansBold(), 13), act.title()));
        flow.paragraph(Align.CENTER, new Span(normal, "за период " + invoice.period() + "; к счёту № " + invoice.invoiceNo()));
        flow.space(8);
        flow.paragraph(Align.LEFT, new Span(bold, "Заказчик: "), new Span(normal, act.customer().customerName() + ", " + label + " " + act.customer().taxId()));
        flow.paragraph(Align.LEFT, new Span(bold, "Исполнитель: "), new Span(normal, act.plan().seller().name() + ", " + label + " " + act.plan().seller().taxId()));
        flow.paragraph(Align.LEFT, new Span(bold, "Договор: "), new Span(normal, "лицевой счёт " + invoice.accountId() + ", тарифный план «" + act.plan().name() + "»"));
        flow.space(10);

        PageFlow.Table table = flow.table(3, 30, 9, 6, 7, 9, 10);
        table.heading(headings(smallBold, "№ п/п", "Наименование работ (услуг)", "Дата выполнения", "Ед. изм.", "Кол-во", "Цена за ед.", "Стоимость"));
        for (Invoice.Line line : invoice.lines()) {
            table.row(Cell.of(Integer.toString(line.lineNo()), small, Align.CENTER),
                    Cell.of(line.description(), small, Align.LEFT),
                    Cell.of(DATE.format(invoice.issueDate()), small, Align.CENTER),
                    Cell.of(line.unit(), small, Align.CENTER),
                    Cell.of(line.quantity(), small, Align.RIGHT),
                    Cell.of(line.unitPriceScaled() == null ? "—" : Money.formatScaled(line.unitPriceScaled()), small, Align.RIGHT),
                    Cell.of(Money.formatMinor(line.amounts().grossMinor()), small, Align.RIGHT));
        }
        LineAmounts total = invoice.total();
        table.row(Cell.of("Итого, " + invoice.currency().name() + " (в том числе НДС " + Money.formatMinor(total.taxMinor()) + ")", smallBold, Align.RIGHT)
                        .spanning(6),
                Cell.of(Money.formatMinor(total.grossMinor()), smallBold, Align.RIGHT));
        flow.space(6);
        flow.paragraph(Align.LEFT, new Span(normal, "Всего оказано услуг на сумму: " + AmountInWords.of(total.grossMinor(), invoice.currency())));
        flow.paragraph(Align.LEFT, new Span(small, "Услуги оказаны в полном объёме, в установленные сроки. Заказчик претензий по объёму, качеству и срокам не имеет."));
        flow.space(18);
        flow.paragraph(Align.LEFT, new Span(normal, "Сдал (Исполнитель) ____________________  М.П.            Принял (Заказчик) ____________________  М.П."));

        flow.newPage();
        flow.paragraph(Align.LEFT, new Span(new Style(DocumentFonts.sansBold(), 12), "Приложение № 1 к акту № " + invoice.invoiceNo() + ": услуги по номерам"));
        flow.space(8);
        PageFlow.Table numbers = flow.table(10, 7, 7, 7, 5, 5, 8, 8, 22, 8);
        numbers.heading(headings(smallBold, "Номер", "Тип", "Звонки, мин", "из пакета, мин", "SMS", "из пакета", "Данные, МБ", "из пакета, МБ",
                "Сгорело в конце месяца", "Начислено сверх пакета, с НДС"));
        for (Act.NumberRow row : act.numbers()) {
            numbers.row(Cell.of(row.number(), small, Align.LEFT),
                    Cell.of(row.kind(), small, Align.CENTER),
                    Cell.of(row.voiceMinutes(), small, Align.RIGHT),
                    Cell.of(row.voiceFromAllowances(), small, Align.RIGHT),
                    Cell.of(Long.toString(row.sms()), small, Align.RIGHT),
                    Cell.of(Long.toString(row.smsFromAllowances()), small, Align.RIGHT),
                    Cell.of(row.dataMegabytes(), small, Align.RIGHT),
                    Cell.of(row.dataFromAllowances(), small, Align.RIGHT),
                    Cell.of(row.expired(), small, Align.LEFT),
                    Cell.of(row.chargedMinor() == null ? "" : Money.formatMinor(row.chargedMinor()), small, Align.RIGHT));
        }
        numbers.row(Cell.of("Итого начислено сверх пакета, " + invoice.currency().name() + " (с НДС)", smallBold, Align.RIGHT).spanning(9),
                Cell.of(Money.formatMinor(act.chargedTotalMinor()), smallBold, Align.RIGHT));
        document.writeTo(out);
    }

    private static Cell[] headings(Style style, String... headings) {
        Cell[] cells = new Cell[headings.length];
        for (int i = 0; i < headings.length; i++) {
            cells[i] = Cell.of(headings[i], style, Align.CENTER).shaded();
        }
        return cells;
    }
}
