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
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.jobs.ledger.AccountLedger;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A reconciliation act (акт сверки взаимных расчётов) of one account over at most twelve months,
 * from the account ledger: the opening balance, each invoice as a debit and each payment as a
 * credit with its document and date, the turnovers and the closing balance, with columns for the
 * seller's books and mirrored ones for the customer's. Balances are the customer's debt to the
 * seller (negative: paid ahead).
 */
public record ReconciliationAct(Account customer, TariffPlan plan, YearMonth from, YearMonth to, long openingDebt,
                                List<AccountLedger.Entry> entries, long debitTurnover, long creditTurnover, long closingDebt) {
    public static final int MAX_MONTHS = 12;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /**
     * The act of the months {@code from .. to}, which lie within the twelve months up to and including the month of
     * {@code today} («Максимальный период запроса 12 месяцев от текущей даты», the «Кабинет» seed).
     *
     * @throws IllegalArgumentException when the range runs backwards, is longer than twelve months, or reaches
     *     before the twelve months up to today's or after today's month
     */
    public static ReconciliationAct of(AccountLedger ledger, Account customer, TariffPlan plan, YearMonth from, YearMonth to,
                                       LocalDate today) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period runs backwards: " + from + " to " + to);
        }
        long months = java.time.temporal.ChronoUnit.MONTHS.between(from, to) + 1;
        if (months > MAX_MONTHS) {
            throw new IllegalArgumentException("a reconciliation act covers at most " + MAX_MONTHS + " months; " + from + " to " + to
                    + " is " + months + ". Split it into acts of up to a year");
        }
        YearMonth current = YearMonth.from(today);
        YearMonth earliest = current.minusMonths(MAX_MONTHS - 1);
        if (from.isBefore(earliest) || to.isAfter(current)) {
            throw new IllegalArgumentException("a reconciliation act covers months within the " + MAX_MONTHS + " up to the current one ("
                    + earliest + " to " + current + " on " + today + "); " + from + " to " + to + " is not");
        }
        LocalDate first = from.atDay(1);
        LocalDate last = to.atEndOfMonth();
        long opening = -ledger.balanceAt(first.minusDays(1));
        List<AccountLedger.Entry> within = new ArrayList<>();
        long debit = 0;
        long credit = 0;
        for (AccountLedger.Entry entry : ledger.entries()) {
            if (!entry.date().isBefore(first) && !entry.date().isAfter(last)) {
                within.add(entry);
                debit += entry.debit();
                credit += entry.credit();
            }
        }
        return new ReconciliationAct(customer, plan, from, to, opening, within, debit, credit, opening + debit - credit);
    }

    public String title() {
        return "Акт сверки взаимных расчётов за период " + from + " — " + to;
    }

    private String balanceText(String when, long debt) {
        String currency = plan.currency().name();
        if (debt == 0) {
            return when + ": задолженность отсутствует";
        }
        return debt > 0 ? when + ": задолженность " + customer.customerName() + " перед " + plan.seller().name() + " "
                + Money.formatMinor(debt) + " " + currency
                : when + ": переплата " + customer.customerName() + " " + Money.formatMinor(-debt) + " " + currency;
    }

    public void writePdf(OutputStream out) throws IOException {
        Document document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
        PdfWriter.getInstance(document, out).setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
        document.addTitle(title());
        document.open();
        try {
            Font small = DocumentFonts.regular(8);
            Font normal = DocumentFonts.regular(10);
            Paragraph title = new Paragraph(title(), DocumentFonts.bold(13));
            title.setAlignment(Element.ALIGN_CENTER);
            document.add(title);
            document.add(new Paragraph("между " + plan.seller().name() + " и " + customer.customerName() + " (лицевой счёт "
                    + customer.id() + "), " + plan.currency().name(), normal));
            document.add(new Paragraph(" ", small));
            PdfPTable table = new PdfPTable(new float[] {8, 14, 20, 9, 9, 8, 14, 9, 9});
            table.setWidthPercentage(100);
            table.setHeaderRows(2);
            PdfPCell seller = cell("По данным " + plan.seller().name(), DocumentFonts.bold(8), Element.ALIGN_CENTER);
            seller.setColspan(5);
            table.addCell(seller);
            PdfPCell buyer = cell("По данным " + customer.customerName(), DocumentFonts.bold(8), Element.ALIGN_CENTER);
            buyer.setColspan(4);
            table.addCell(buyer);
            for (String heading : new String[] {"Дата", "Документ", "Содержание", "Дебет", "Кредит", "Дата", "Документ", "Дебет", "Кредит"}) {
                table.addCell(cell(heading, DocumentFonts.bold(8), Element.ALIGN_CENTER));
            }
            row(table, small, "", "", "Сальдо начальное", Math.max(openingDebt, 0), Math.max(-openingDebt, 0));
            for (AccountLedger.Entry entry : entries) {
                row(table, small, DATE.format(entry.date()), entry.document(), entry.description(), entry.debit(), entry.credit());
            }
            row(table, DocumentFonts.bold(8), "", "", "Обороты за период", debitTurnover, creditTurnover);
            row(table, DocumentFonts.bold(8), "", "", "Сальдо конечное", Math.max(closingDebt, 0), Math.max(-closingDebt, 0));
            document.add(table);
            Paragraph result = new Paragraph(balanceText("На " + DATE.format(to.atEndOfMonth()), closingDebt), normal);
            result.setSpacingBefore(8);
            document.add(result);
            Paragraph sign = new Paragraph("От " + plan.seller().name() + " ____________________ М.П.          От "
                    + customer.customerName() + " ____________________ М.П.", normal);
            sign.setSpacingBefore(18);
            document.add(sign);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException("cannot render the reconciliation act of " + customer.id() + ": " + e.getMessage(), e);
        } finally {
            document.close();
        }
    }

    public void writeXlsx(OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheets cells = new Sheets(workbook);
            Sheet sheet = workbook.createSheet("Акт сверки");
            cells.bold(sheet.createRow(0), 0, title());
            cells.label(sheet.createRow(1), 0, "между " + plan.seller().name() + " и " + customer.customerName() + " (лицевой счёт "
                    + customer.id() + "), " + plan.currency().name());
            Row parties = sheet.createRow(3);
            cells.bold(parties, 0, "По данным " + plan.seller().name());
            cells.bold(parties, 5, "По данным " + customer.customerName());
            cells.header(sheet, 4, "Дата", "Документ", "Содержание", "Дебет", "Кредит", "Дата", "Документ", "Дебет", "Кредит");
            int rowIndex = 5;
            rowIndex = xlsxRow(sheet, cells, rowIndex, "", "", "Сальдо начальное", Math.max(openingDebt, 0), Math.max(-openingDebt, 0));
            for (AccountLedger.Entry entry : entries) {
                rowIndex = xlsxRow(sheet, cells, rowIndex, entry.date().toString(), entry.document(), entry.description(), entry.debit(),
                        entry.credit());
            }
            rowIndex = xlsxRow(sheet, cells, rowIndex, "", "", "Обороты за период", debitTurnover, creditTurnover);
            rowIndex = xlsxRow(sheet, cells, rowIndex, "", "", "Сальдо конечное", Math.max(closingDebt, 0), Math.max(-closingDebt, 0));
            cells.label(sheet.createRow(rowIndex + 1), 0, balanceText("На " + to.atEndOfMonth(), closingDebt));
            Sheets.layout(sheet, 12, 20, 24, 14, 14, 12, 20, 14, 14);
            workbook.write(out);
        }
    }

    /** The seller's side, and the customer's mirrored: the seller's debit is the customer's credit. */
    private static int xlsxRow(Sheet sheet, Sheets cells, int rowIndex, String date, String document, String what, long debit, long credit) {
        Row row = sheet.createRow(rowIndex);
        cells.text(row, 0, date);
        cells.text(row, 1, document);
        cells.text(row, 2, what);
        cells.money(row, 3, debit);
        cells.money(row, 4, credit);
        cells.text(row, 5, date);
        cells.text(row, 6, document);
        cells.money(row, 7, credit);
        cells.money(row, 8, debit);
        return rowIndex + 1;
    }

    private static void row(PdfPTable table, Font font, String date, String document, String what, long debit, long credit) {
        table.addCell(cell(date, font, Element.ALIGN_CENTER));
        table.addCell(cell(document, font, Element.ALIGN_LEFT));
        table.addCell(cell(what, font, Element.ALIGN_LEFT));
        table.addCell(cell(Money.formatMinor(debit), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Money.formatMinor(credit), font, Element.ALIGN_RIGHT));
        table.addCell(cell(date, font, Element.ALIGN_CENTER));
        table.addCell(cell(document, font, Element.ALIGN_LEFT));
        table.addCell(cell(Money.formatMinor(credit), font, Element.ALIGN_RIGHT));
        table.addCell(cell(Money.formatMinor(debit), font, Element.ALIGN_RIGHT));
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(alignment);
        return cell;
    }
}
