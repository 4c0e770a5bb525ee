package dev.ratel.jobs.documents;

import dev.ratel.core.account.Account;
import dev.ratel.core.account.CustomerDetails;
import dev.ratel.core.account.Requisites;
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
 * The invoice (счёт на оплату) as a PDF in Russian, as an accountant pays it: the payee's bank block at the top (for
 * Russia: bank, БИК, к/с, ИНН, КПП, р/с, payee; for Kazakhstan: beneficiary, БИН, ИИК, Кбе, bank, БИК, КНП), the number
 * and date in words, seller and buyer with their requisites, the basis (the contract where customers.csv gives it),
 * the period in words, one row per line, «Всего наименований N, на сумму 38 026,00 KZT», the total in words with its
 * VAT, the payment terms and the signers. Amounts are written {@code 34 990,00}. The file is written by
 * {@link PdfDocument} with the fonts of {@link DocumentFonts}.
 */
public final class InvoicePdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    /** A4 turned sideways, in points. */
    static final float A4_LANDSCAPE_WIDTH = 842;
    static final float A4_LANDSCAPE_HEIGHT = 595;

    private InvoicePdf() {
    }

    /** Renders the invoice; {@code details} are the buyer's from customers.csv, or null where it has none. */
    public static void write(Invoice invoice, Account buyer, CustomerDetails details, TariffPlan plan, OutputStream out) throws IOException {
        Seller seller = plan.seller();
        String jurisdiction = plan.taxJurisdiction();
        String currency = invoice.currency().name();
        PdfDocument document = new PdfDocument(A4_LANDSCAPE_WIDTH, A4_LANDSCAPE_HEIGHT, "Счёт на оплату " + invoice.invoiceNo(),
                DocumentFonts.sans(), DocumentFonts.sansBold());
        PageFlow flow = new PageFlow(document, 36);
        Style small = new Style(DocumentFonts.sans(), 8);
        Style smallBold = new Style(DocumentFonts.sansBold(), 8);
        Style normal = new Style(DocumentFonts.sans(), 10);
        Style bold = new Style(DocumentFonts.sansBold(), 10);

        bankBlock(flow, seller, jurisdiction, small, smallBold);
        flow.space(12);
        flow.paragraph(Align.LEFT, new Span(new Style(DocumentFonts.sansBold(), 14),
                "Счёт на оплату № " + invoice.invoiceNo() + " от " + DocumentText.date(invoice.issueDate())));
        flow.space(6);
        flow.paragraph(Align.LEFT, new Span(bold, "Поставщик (Исполнитель): "), new Span(normal, DocumentText.seller(seller, jurisdiction)));
        flow.paragraph(Align.LEFT, new Span(bold, "Покупатель (Заказчик): "), new Span(normal, DocumentText.customer(buyer, details, jurisdiction)));
        flow.paragraph(Align.LEFT, new Span(bold, "Основание: "), new Span(normal, DocumentText.basis(details, buyer.id(), plan.name())));
        flow.paragraph(Align.LEFT, new Span(bold, "За период: "), new Span(normal, "услуги связи за " + DocumentText.period(invoice.period())
                + " (тарифный план " + DocumentText.quoted(plan.name()) + ")"));
        flow.paragraph(Align.LEFT, new Span(bold, "Срок оплаты: "), new Span(normal, DATE.format(invoice.dueDate())));
        flow.space(8);

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
                    Cell.of(line.unitPriceScaled() == null ? "—" : price(line.unitPriceScaled()), small, Align.RIGHT),
                    Cell.of(DocumentText.money(line.amounts().netMinor()), small, Align.RIGHT),
                    Cell.of(percent(line.taxBasisPoints()), small, Align.CENTER),
                    Cell.of(DocumentText.money(line.amounts().taxMinor()), small, Align.RIGHT),
                    Cell.of(DocumentText.money(line.amounts().grossMinor()), small, Align.RIGHT));
        }
        LineAmounts total = invoice.total();
        table.row(Cell.of("Итого, " + currency, smallBold, Align.RIGHT).spanning(5),
                Cell.of(DocumentText.money(total.netMinor()), smallBold, Align.RIGHT),
                Cell.of("", small, Align.CENTER),
                Cell.of(DocumentText.money(total.taxMinor()), smallBold, Align.RIGHT),
                Cell.of(DocumentText.money(total.grossMinor()), smallBold, Align.RIGHT));

        flow.space(8);
        flow.paragraph(Align.LEFT, new Span(normal, "Всего наименований " + invoice.lines().size() + ", на сумму "
                + DocumentText.money(total.grossMinor()) + " " + currency));
        flow.paragraph(Align.LEFT, new Span(bold, AmountInWords.of(total.grossMinor(), invoice.currency()) + ", в том числе НДС "
                + DocumentText.money(total.taxMinor()) + " " + currency + "."));
        flow.paragraph(Align.LEFT, new Span(normal, "Оплата в течение " + java.time.temporal.ChronoUnit.DAYS.between(invoice.issueDate(), invoice.dueDate())
                + " дней с даты выставления счёта, не позднее " + DATE.format(invoice.dueDate())
                + ". В назначении платежа укажите номер счёта и лицевой счёт."));
        if (!invoice.flags().isEmpty()) {
            flow.paragraph(Align.LEFT, new Span(small, "Отметки: " + invoice.flagsText()));
        }
        flow.space(24);
        flow.paragraph(Align.LEFT, new Span(normal, "Руководитель ____________________ " + signer(seller.head())
                + "        Главный бухгалтер ____________________ " + signer(seller.chiefAccountant())));
        document.writeTo(out);
    }

    /**
     * The payee's bank block, the grid a payment order is filled from. Where the seller's file gives no structured bank
     * details the block is left out and the «Поставщик» line carries what there is.
     */
    private static void bankBlock(PageFlow flow, Seller seller, String jurisdiction, Style small, Style smallBold) {
        Requisites bank = seller.requisites();
        if (bank.bankAccount().isEmpty()) {
            return;
        }
        PageFlow.Table block = flow.table(40, 8, 22);
        if ("KZ".equals(jurisdiction)) {
            block.row(Cell.of("Бенефициар: " + seller.name() + ", БИН " + seller.taxId(), smallBold, Align.LEFT),
                    Cell.of("ИИК", smallBold, Align.CENTER), Cell.of(bank.bankAccount() + (bank.kbe().isEmpty() ? "" : "   Кбе " + bank.kbe()),
                            smallBold, Align.LEFT));
            block.row(Cell.of("Банк бенефициара: " + bank.bankName(), small, Align.LEFT), Cell.of("БИК", small, Align.CENTER),
                    Cell.of(bank.bankBic() + (bank.knp().isEmpty() ? "" : "   КНП " + bank.knp()), small, Align.LEFT));
        } else {
            block.row(Cell.of("Банк получателя: " + bank.bankName(), small, Align.LEFT), Cell.of("БИК", small, Align.CENTER),
                    Cell.of(bank.bankBic(), small, Align.LEFT));
            block.row(Cell.of("", small, Align.LEFT), Cell.of("Сч. №", small, Align.CENTER), Cell.of(bank.correspondentAccount(), small, Align.LEFT));
            block.row(Cell.of("ИНН " + seller.taxId() + (bank.kpp().isEmpty() ? "" : "   КПП " + bank.kpp()), small, Align.LEFT),
                    Cell.of("Сч. №", smallBold, Align.CENTER), Cell.of(bank.bankAccount(), smallBold, Align.LEFT));
            block.row(Cell.of("Получатель: " + seller.name(), smallBold, Align.LEFT), Cell.of("", small, Align.CENTER), Cell.of("", small, Align.LEFT));
        }
    }

    private static String signer(String name) {
        return name.isEmpty() ? "" : "/" + name + "/";
    }

    /** A unit price as {@code 34 990,00}, or with the tariff's finer digits where it has them ({@code 0,0833}). */
    static String price(long scaled) {
        BigDecimal price = BigDecimal.valueOf(Math.abs(scaled), 4).stripTrailingZeros();
        if (price.scale() < 2) {
            price = price.setScale(2);
        }
        String plain = price.toPlainString();
        int point = plain.indexOf('.');
        String grouped = DocumentText.money(Long.parseLong(plain.substring(0, point)) * 100);
        return (scaled < 0 ? "-" : "") + grouped.substring(0, grouped.length() - 3) + "," + plain.substring(point + 1);
    }

    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }
}
