package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.Seller;
import dev.ratel.core.tariff.TariffPlan;
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
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/**
 * An invoice as a PDF in Russian: seller and buyer with their tax ids, number and dates, one row
 * per line (quantity, unit, price, net, VAT rate, VAT, total), the totals, the total in words and
 * the payment terms. The font is embedded (see {@link DocumentFonts}); the file is written by {@link PdfDocument}.
 */
public final class InvoicePdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** A4 turned sideways, in points. */
    static final float A4_LANDSCAPE_WIDTH = 842;
    static final float A4_LANDSCAPE_HEIGHT = 595;

    private InvoicePdf() {
    }

    public static void write(Invoice invoice, Account buyer, TariffPlan plan, OutputStream out) throws IOException {
        Seller seller = plan.seller();
        String taxIdLabel = plan.taxJurisdiction().equals("KZ") ? "БИН/ИИН" : "ИНН";
        PdfDocument document = new PdfDocument(A4_LANDSCAPE_WIDTH, A4_LANDSCAPE_HEIGHT, "Счёт " + invoice.invoiceNo(),
                DocumentFonts.sans(), DocumentFonts.sansBold());
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(DocumentFonts.sans(), 8);
        Style smallBold = new Style(DocumentFonts.sansBold(), 8);
        Style normal = new Style(DocumentFonts.sans(), 10);
        Style bold = new Style(DocumentFonts.sansBold(), 10);
        flow.paragraph(Align.CENTER, new Span(new Style(DocumentFonts.sansBold(), 14),
                "Счёт № " + invoice.invoiceNo() + " от " + DATE.format(invoice.issueDate())));
        flow.paragraph(Align.CENTER, new Span(normal, "за услуги связи за период " + invoice.period() + " (тарифный план «" + plan.name() + "»)"));
        flow.space(10);
        flow.paragraph(Align.LEFT, new Span(bold, "Поставщик: "), new Span(normal, seller.name() + taxId(taxIdLabel, seller.taxId())
                + (seller.address().isEmpty() ? "" : ", " + seller.address()) + (seller.bankDetails().isEmpty() ? "" : ", " + seller.bankDetails())));
        flow.paragraph(Align.LEFT, new Span(bold, "Покупатель: "), new Span(normal, buyer.customerName() + taxId(taxIdLabel, buyer.taxId())
                + ", лицевой счёт " + buyer.id()));
        flow.paragraph(Align.LEFT, new Span(bold, "Срок оплаты: "), new Span(normal, DATE.format(invoice.dueDate())));
        flow.space(10);

        PageFlow.Table table = flow.table(3, 26, 7, 5, 9, 10, 6, 9, 10);
        String[] headings = {"№", "Наименование", "Кол-во", "Ед.", "Цена", "Сумма без НДС", "Ставка НДС", "НДС", "Всего с НДС"};
        Cell[] heading = new Cell[headings.length];
        for (int i = 0; i < headings.length; i++) {
            heading[i] = Cell.of(headings[i], smallBold, Align.CENTER).shaded();
        }
        table.heading(heading);
        for (Invoice.Line line : invoice.lines()) {
            table.row(Cell.of(Integer.toString(line.lineNo()), small, Align.CENTER),
                    Cell.of(line.description(), small, Align.LEFT),
                    Cell.of(line.quantity(), small, Align.RIGHT),
                    Cell.of(line.unit(), small, Align.CENTER),
                    Cell.of(line.unitPriceScaled() == null ? "—" : Money.formatScaled(line.unitPriceScaled()), small, Align.RIGHT),
                    Cell.of(Money.formatMinor(line.amounts().netMinor()), small, Align.RIGHT),
                    Cell.of(percent(line.taxBasisPoints()), small, Align.CENTER),
                    Cell.of(Money.formatMinor(line.amounts().taxMinor()), small, Align.RIGHT),
                    Cell.of(Money.formatMinor(line.amounts().grossMinor()), small, Align.RIGHT));
        }
        LineAmounts total = invoice.total();
        table.row(Cell.of("Итого, " + invoice.currency().name(), smallBold, Align.RIGHT).spanning(5),
                Cell.of(Money.formatMinor(total.netMinor()), smallBold, Align.RIGHT),
                Cell.of("", small, Align.CENTER),
                Cell.of(Money.formatMinor(total.taxMinor()), smallBold, Align.RIGHT),
                Cell.of(Money.formatMinor(total.grossMinor()), smallBold, Align.RIGHT));

        flow.space(10);
        flow.paragraph(Align.LEFT, new Span(bold, "Всего к оплате: "), new Span(normal, AmountInWords.of(total.grossMinor(), invoice.currency())
                + ", в том числе НДС " + Money.formatMinor(total.taxMinor()) + " " + invoice.currency().name() + "."));
        flow.paragraph(Align.LEFT, new Span(normal, "Оплата в течение " + java.time.temporal.ChronoUnit.DAYS.between(invoice.issueDate(), invoice.dueDate())
                + " дней с даты выставления счёта, не позднее " + DATE.format(invoice.dueDate())
                + ". В назначении платежа укажите номер счёта и лицевой счёт."));
        if (!invoice.flags().isEmpty()) {
            flow.paragraph(Align.LEFT, new Span(small, "Отметки: " + invoice.flagsText()));
        }
        flow.space(24);
        flow.paragraph(Align.LEFT, new Span(normal, "Руководитель ____________________        Главный бухгалтер ____________________"));
        document.writeTo(out);
    }

    private static String taxId(String label, String taxId) {
        return taxId == null || taxId.isEmpty() ? "" : ", " + label + " " + taxId;
    }

    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }

}
