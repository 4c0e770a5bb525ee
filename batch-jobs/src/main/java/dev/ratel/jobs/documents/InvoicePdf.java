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
import dev.ratel.core.account.Account;
import dev.ratel.core.money.Money;
import dev.ratel.core.tariff.Seller;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.core.tax.LineAmounts;
import dev.ratel.jobs.close.Invoice;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;

/**
 * An invoice as a PDF in Russian: seller and buyer with their tax ids, number and dates, one row
 * per line (quantity, unit, price, net, VAT rate, VAT, total), the totals, the total in words and
 * the payment terms. The font is embedded (see {@link DocumentFonts}).
 */
public final class InvoicePdf {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private InvoicePdf() {
    }

    public static void write(Invoice invoice, Account buyer, TariffPlan plan, OutputStream out) throws IOException {
        Seller seller = plan.seller();
        String planName = plan.name();
        String taxIdLabel = plan.taxJurisdiction().equals("KZ") ? "БИН/ИИН" : "ИНН";
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out).setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        document.addTitle("Счёт " + invoice.invoiceNo());
        document.addCreator("Ratel");
        document.open();
        try {
            Font small = DocumentFonts.regular(8);
            Font normal = DocumentFonts.regular(10);
            Font bold = DocumentFonts.bold(10);
            Paragraph title = new Paragraph("Счёт № " + invoice.invoiceNo() + " от " + DATE.format(invoice.issueDate()), DocumentFonts.bold(14));
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            Paragraph subtitle = new Paragraph("за услуги связи за период " + invoice.period() + " (тарифный план «" + planName + "»)", normal);
            subtitle.setAlignment(Element.ALIGN_CENTER);
            subtitle.setSpacingAfter(10);
            document.add(subtitle);
            document.add(party("Поставщик: ", seller.name() + taxId(taxIdLabel, seller.taxId()) + (seller.address().isEmpty() ? "" : ", " + seller.address())
                    + (seller.bankDetails().isEmpty() ? "" : ", " + seller.bankDetails()), bold, normal));
            document.add(party("Покупатель: ", buyer.customerName() + taxId(taxIdLabel, buyer.taxId()) + ", лицевой счёт " + buyer.id(), bold, normal));
            document.add(party("Срок оплаты: ", DATE.format(invoice.dueDate()), bold, normal));
            Paragraph gap = new Paragraph(" ", small);
            document.add(gap);

            PdfPTable table = new PdfPTable(new float[] {3, 26, 7, 5, 9, 10, 6, 9, 10});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            for (String heading : new String[] {"№", "Наименование", "Кол-во", "Ед.", "Цена", "Сумма без НДС", "Ставка НДС",
                    "НДС", "Всего с НДС"}) {
                PdfPCell cell = new PdfPCell(new Phrase(heading, DocumentFonts.bold(8)));
                cell.setHorizontalAlignment(Element.ALIGN_CENTER);
                cell.setGrayFill(0.9f);
                table.addCell(cell);
            }
            for (Invoice.Line line : invoice.lines()) {
                table.addCell(cell(Integer.toString(line.lineNo()), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.description(), small, Element.ALIGN_LEFT));
                table.addCell(cell(line.quantity(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(line.unit(), small, Element.ALIGN_CENTER));
                table.addCell(cell(line.unitPriceScaled() == null ? "—" : Money.formatScaled(line.unitPriceScaled()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(Money.formatMinor(line.amounts().netMinor()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(percent(line.taxBasisPoints()), small, Element.ALIGN_CENTER));
                table.addCell(cell(Money.formatMinor(line.amounts().taxMinor()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(Money.formatMinor(line.amounts().grossMinor()), small, Element.ALIGN_RIGHT));
            }
            LineAmounts total = invoice.total();
            PdfPCell label = new PdfPCell(new Phrase("Итого, " + invoice.currency().name(), DocumentFonts.bold(8)));
            label.setColspan(5);
            label.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(label);
            table.addCell(cell(Money.formatMinor(total.netMinor()), DocumentFonts.bold(8), Element.ALIGN_RIGHT));
            table.addCell(cell("", small, Element.ALIGN_CENTER));
            table.addCell(cell(Money.formatMinor(total.taxMinor()), DocumentFonts.bold(8), Element.ALIGN_RIGHT));
            table.addCell(cell(Money.formatMinor(total.grossMinor()), DocumentFonts.bold(8), Element.ALIGN_RIGHT));
            document.add(table);

            Paragraph words = new Paragraph();
            words.setSpacingBefore(10);
            words.add(new Phrase("Всего к оплате: ", bold));
            words.add(new Phrase(AmountInWords.of(total.grossMinor(), invoice.currency()) + ", в том числе НДС "
                    + Money.formatMinor(total.taxMinor()) + " " + invoice.currency().name() + ".", normal));
            document.add(words);
            document.add(new Paragraph("Оплата в течение " + java.time.temporal.ChronoUnit.DAYS.between(invoice.issueDate(), invoice.dueDate())
                    + " дней с даты выставления счёта, не позднее " + DATE.format(invoice.dueDate())
                    + ". В назначении платежа укажите номер счёта и лицевой счёт.", normal));
            if (!invoice.flags().isEmpty()) {
                document.add(new Paragraph("Отметки: " + invoice.flagsText(), small));
            }
            Paragraph sign = new Paragraph("Руководитель ____________________        Главный бухгалтер ____________________", normal);
            sign.setSpacingBefore(24);
            document.add(sign);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException("cannot render invoice " + invoice.invoiceNo() + ": " + e.getMessage(), e);
        } finally {
            document.close();
        }
    }

    private static Paragraph party(String label, String text, Font bold, Font normal) {
        Paragraph paragraph = new Paragraph();
        paragraph.add(new Phrase(label, bold));
        paragraph.add(new Phrase(text, normal));
        return paragraph;
    }

    private static String taxId(String label, String taxId) {
        return taxId == null || taxId.isEmpty() ? "" : ", " + label + " " + taxId;
    }

    static String percent(int basisPoints) {
        return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        return cell;
    }
}
