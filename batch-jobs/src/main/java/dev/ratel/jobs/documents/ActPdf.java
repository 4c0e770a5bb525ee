package dev.ratel.jobs.documents;

import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.tariff.Seller;
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
 * The act of completed work with Appendix No. 1 as a PDF in Russian, written by {@link PdfDocument}. For a plan taxed in
 * Kazakhstan it is form Р-1 (Приложение 50 к приказу Министра финансов РК от 20 декабря 2012 года № 562): the form's
 * header, customer and contractor with their БИН, the contract, the document number and date box, the statutory
 * columns numbered 1 to 8, the report column, the stocks line, the signatures with position and name and the date of
 * acceptance, and the form's notes. For Russia, where no form is prescribed, the same content under the act's title.
 * Appendix No. 1, services per number, starts on a new page and ends with its total, which is the act's usage.
 */
public final class ActPdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private ActPdf() {
    }

    public static void write(Act act, OutputStream out) throws IOException {
        PdfDocument document = new PdfDocument(InvoicePdf.A4_LANDSCAPE_WIDTH, InvoicePdf.A4_LANDSCAPE_HEIGHT, act.title(),
                DocumentFonts.sans(), DocumentFonts.sansBold());
        PageFlow flow = new PageFlow(document, 36);
        Style tiny = new Style(DocumentFonts.sans(), 7);
        Style small = new Style(DocumentFonts.sans(), 8);
        Style smallBold = new Style(DocumentFonts.sansBold(), 8);
        Style normal = new Style(DocumentFonts.sans(), 10);
        Style bold = new Style(DocumentFonts.sansBold(), 10);
        Invoice invoice = act.invoice();
        String jurisdiction = act.plan().taxJurisdiction();
        boolean formR1 = "KZ".equals(jurisdiction);
        Seller seller = act.plan().seller();
        CustomerDetails details = act.details();
        String label = DocumentText.taxIdLabel(jurisdiction);
        String customerAddress = details == null || details.requisites().legalAddress().isEmpty() ? "" : ", " + details.requisites().legalAddress();
        String sellerAddress = seller.address().isEmpty() ? "" : ", " + seller.address();

        if (formR1) {
            flow.paragraph(Align.RIGHT, new Span(tiny, "Приложение 50 к приказу Министра финансов Республики Казахстан"));
            flow.paragraph(Align.RIGHT, new Span(tiny, "от 20 декабря 2012 года № 562"));
            flow.paragraph(Align.RIGHT, new Span(smallBold, "Форма Р-1"));
            flow.space(4);
        }
        PageFlow.Table parties = flow.table(62, 12, 16);
        parties.row(Cell.of("Заказчик: " + act.customer().customerName() + customerAddress, normal, Align.LEFT),
                Cell.of(label, small, Align.CENTER), Cell.of(act.customer().taxId(), bold, Align.CENTER));
        parties.row(Cell.of("Исполнитель: " + seller.name() + sellerAddress, normal, Align.LEFT),
                Cell.of(label, small, Align.CENTER), Cell.of(seller.taxId(), bold, Align.CENTER));
        flow.space(4);
        PageFlow.Table contract = flow.table(62, 14, 14);
        contract.row(Cell.of("", small, Align.LEFT), Cell.of("Номер документа", small, Align.CENTER),
                Cell.of("Дата составления", small, Align.CENTER));
        String contractText = DocumentText.contract(details);
        contract.row(Cell.of("Договор (контракт): " + (contractText != null ? contractText
                        : "лицевой счёт " + invoice.accountId() + ", тарифный план " + DocumentText.quoted(act.plan().name())), normal, Align.LEFT),
                Cell.of(invoice.invoiceNo(), bold, Align.CENTER), Cell.of(DATE.format(invoice.issueDate()), bold, Align.CENTER));
        flow.space(8);
        flow.paragraph(Align.CENTER, new Span(new Style(DocumentFonts.sansBold(), 13), formR1 ? "АКТ ВЫПОЛНЕННЫХ РАБОТ (ОКАЗАННЫХ УСЛУГ)*"
                : act.title()));
        flow.paragraph(Align.CENTER, new Span(normal, "за " + DocumentText.period(invoice.period()) + "; к счёту на оплату № " + invoice.invoiceNo()));
        flow.space(6);

        PageFlow.Table table = flow.table(6, 28, 9, 14, 8, 8, 9, 10);
        Style heading = new Style(DocumentFonts.sansBold(), 7);
        table.heading(headings(heading, "Номер по порядку",
                "Наименование работ (услуг) (в разрезе их подвидов в соответствии с технической спецификацией, заданием, графиком выполнения работ (услуг) при их наличии)",
                formR1 ? "Дата выполнения работ (оказания услуг)**" : "Дата выполнения работ (оказания услуг)",
                formR1 ? "Сведения об отчете о научных исследованиях, маркетинговых, консультационных и прочих услугах (дата, номер, количество страниц) (при их наличии)***"
                        : "Сведения об отчёте (при наличии)",
                "Единица измерения", "Выполнено работ (оказано услуг): количество", "Выполнено работ (оказано услуг): цена за единицу",
                "Выполнено работ (оказано услуг): стоимость"));
        table.heading(headings(heading, "1", "2", "3", "4", "5", "6", "7", "8"));
        String done = DATE.format(java.time.YearMonth.parse(invoice.period()).atDay(1)) + " – " + DATE.format(invoice.issueDate());
        for (Invoice.Line line : invoice.lines()) {
            table.row(Cell.of(Integer.toString(line.lineNo()), small, Align.CENTER),
                    Cell.of(line.description(), small, Align.LEFT),
                    Cell.of(done, small, Align.CENTER),
                    Cell.of("", small, Align.CENTER),
                    Cell.of(line.unit(), small, Align.CENTER),
                    Cell.of(line.quantity(), small, Align.RIGHT),
                    Cell.of(line.unitPriceScaled() == null ? "—" : InvoicePdf.price(line.unitPriceScaled()), small, Align.RIGHT),
                    Cell.of(DocumentText.money(line.amounts().grossMinor()), small, Align.RIGHT));
        }
        LineAmounts total = invoice.total();
        String currency = invoice.currency().name();
        table.row(Cell.of("Итого, " + currency + " (в том числе НДС " + DocumentText.money(total.taxMinor()) + ")", smallBold, Align.RIGHT).spanning(5),
                Cell.of("x", smallBold, Align.CENTER), Cell.of("x", smallBold, Align.CENTER),
                Cell.of(DocumentText.money(total.grossMinor()), smallBold, Align.RIGHT));
        flow.space(6);
        flow.paragraph(Align.LEFT, new Span(normal, "Всего оказано услуг на сумму: " + AmountInWords.of(total.grossMinor(), invoice.currency())
                + ", в том числе НДС " + DocumentText.money(total.taxMinor()) + " " + currency + "."));
        flow.paragraph(Align.LEFT, new Span(small, "Сведения об использовании запасов, полученных от заказчика: не использовались."));
        flow.paragraph(Align.LEFT, new Span(small, "Приложение: Перечень документации — Приложение № 1 «Услуги по номерам» к настоящему акту."));
        flow.paragraph(Align.LEFT, new Span(small, "Услуги оказаны в полном объёме, в установленные сроки. Заказчик претензий по объёму, качеству и срокам не имеет."));
        flow.space(16);
        PageFlow.Table signatures = flow.table(1, 1);
        signatures.row(Cell.of("Сдал (Исполнитель) " + blank("Руководитель", seller.head()), normal, Align.LEFT),
                Cell.of("Принял (Заказчик) " + blank(details == null ? "" : details.signerPosition(), details == null ? "" : details.signerName()),
                        normal, Align.LEFT));
        signatures.row(Cell.of("должность / подпись / расшифровка подписи        М.П.", tiny, Align.LEFT),
                Cell.of("должность / подпись / расшифровка подписи        М.П.", tiny, Align.LEFT));
        flow.space(8);
        flow.paragraph(Align.RIGHT, new Span(small, "Дата подписания (принятия) работ (услуг) ____________________"));
        if (formR1) {
            flow.space(8);
            flow.paragraph(Align.LEFT, new Span(tiny, "* Применяется для приемки-передачи выполненных работ (оказанных услуг), за исключением строительно-монтажных работ."));
            flow.paragraph(Align.LEFT, new Span(tiny, "** Заполняется в случае, если даты выполненных работ (оказанных услуг) приходятся на различные периоды, а также в случае, "
                    + "если даты выполнения работ (оказания услуг) и даты подписания (принятия) работ (услуг) различны."));
            flow.paragraph(Align.LEFT, new Span(tiny, "*** Заполняется в случае наличия отчета о научных исследованиях, маркетинговых, консультационных и прочих услугах."));
        }

        flow.newPage();
        flow.paragraph(Align.LEFT, new Span(new Style(DocumentFonts.sansBold(), 12), "Приложение № 1 к акту № " + invoice.invoiceNo()
                + " от " + DATE.format(invoice.issueDate()) + ": услуги по номерам"));
        flow.paragraph(Align.LEFT, new Span(normal, "Заказчик: " + act.customer().customerName() + ", " + label + " " + act.customer().taxId()
                + ", лицевой счёт " + invoice.accountId() + "; период: " + DocumentText.period(invoice.period())));
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
                    Cell.of(row.chargedMinor() == null ? "" : DocumentText.money(row.chargedMinor()), small, Align.RIGHT));
        }
        numbers.row(Cell.of("Итого начислено сверх пакета, " + currency + " (с НДС)", smallBold, Align.RIGHT).spanning(9),
                Cell.of(DocumentText.money(act.chargedTotalMinor()), smallBold, Align.RIGHT));
        document.writeTo(out);
    }

    /** A signature line: position, the line to sign on, the name in full. */
    private static String blank(String position, String name) {
        return (position.isEmpty() ? "" : position + " ") + "____________________" + (name.isEmpty() ? "" : " /" + name + "/");
    }

    private static Cell[] headings(Style style, String... headings) {
        Cell[] cells = new Cell[headings.length];
        for (int i = 0; i < headings.length; i++) {
            cells[i] = Cell.of(headings[i], style, Align.CENTER).shaded();
        }
        return cells;
    }
}
