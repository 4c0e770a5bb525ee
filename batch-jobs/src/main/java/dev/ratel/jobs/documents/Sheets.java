package dev.ratel.jobs.documents;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Cell writing for every XLSX Ratel produces. Text is always a string cell, and text that starts
 * with {@code = + - @} (or a tab or carriage return) is also marked quote-prefixed, so neither
 * Excel nor LibreOffice ever reads a customer name or a call's other party as a formula, not even
 * after the cell is edited; no cell ever holds a formula. Money goes in numeric cells with two
 * decimals so accountants can sum it (the cell holds the decimal the contract prints: XLSX keeps
 * numbers as text in the file), quantities in numeric cells, dates in date cells shown
 * {@code dd.mm.yyyy}. Table cells are ruled; {@link #label} writes free text above or below a table,
 * and {@link #table} freezes a table's heading and puts filters on it.
 */
public final class Sheets {
    private final CellStyle text;
    private final CellStyle guardedText;
    private final CellStyle label;
    private final CellStyle guardedLabel;
    private final CellStyle money;
    private final CellStyle boldMoney;
    private final CellStyle integer;
    private final CellStyle decimal;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle header;
    private final CellStyle bold;

    public Sheets(Workbook workbook) {
        org.apache.poi.ss.usermodel.DataFormat formats = workbook.createDataFormat();
        Font boldFont = workbook.createFont();
        boldFont.setBold(true);
        text = ruled(workbook);
        guardedText = ruled(workbook);
        guardedText.setQuotePrefixed(true);
        label = workbook.createCellStyle();
        guardedLabel = workbook.createCellStyle();
        guardedLabel.setQuotePrefixed(true);
        money = ruled(workbook);
        money.setDataFormat(formats.getFormat("#,##0.00"));
        boldMoney = ruled(workbook);
        boldMoney.setDataFormat(formats.getFormat("#,##0.00"));
        boldMoney.setFont(boldFont);
        integer = ruled(workbook);
        integer.setDataFormat(formats.getFormat("0"));
        decimal = ruled(workbook);
        decimal.setDataFormat(formats.getFormat("#,##0.0##"));
        date = ruled(workbook);
        date.setDataFormat(formats.getFormat("dd.mm.yyyy"));
        dateTime = ruled(workbook);
        dateTime.setDataFormat(formats.getFormat("dd.mm.yyyy hh:mm:ss"));
        header = ruled(workbook);
        header.setFont(boldFont);
        header.setWrapText(true);
        header.setAlignment(org.apache.poi.ss.usermodel.HorizontalAlignment.CENTER);
        header.setVerticalAlignment(org.apache.poi.ss.usermodel.VerticalAlignment.CENTER);
        header.setFillForegroundColor(org.apache.poi.ss.usermodel.IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
        bold = workbook.createCellStyle();
        bold.setFont(boldFont);
    }

    /** A style with thin borders all round, for a table's cells. */
    private static CellStyle ruled(Workbook workbook) {
        CellStyle style = workbook.createCellStyle();
        style.setBorderTop(org.apache.poi.ss.usermodel.BorderStyle.THIN);
        style.setBorderBottom(org.apache.poi.ss.usermodel.BorderStyle.THIN);
        style.setBorderLeft(org.apache.poi.ss.usermodel.BorderStyle.THIN);
        style.setBorderRight(org.apache.poi.ss.usermodel.BorderStyle.THIN);
        return style;
    }

    /** Whether a spreadsheet would take the text for a formula. */
    public static boolean looksLikeFormula(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    public Cell text(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        String safe = value == null ? "" : value;
        cell.setCellValue(safe);
        cell.setCellStyle(looksLikeFormula(safe) ? guardedText : text);
        return cell;
    }

    /** Free text outside a table (a title line, a party, a total in words): a string cell without rules. */
    public Cell label(Row row, int column, String value) {
        Cell cell = row.createCell(column);
        String safe = value == null ? "" : value;
        cell.setCellValue(safe);
        cell.setCellStyle(looksLikeFormula(safe) ? guardedLabel : label);
        return cell;
    }

    /** Bold free text (a title, a total's label); guarded as every text is. */
    public Cell bold(Row row, int column, String value) {
        Cell cell = label(row, column, value);
        if (!looksLikeFormula(value)) {
            cell.setCellStyle(bold);
        }
        return cell;
    }

    /** Minor units (tiyn, kopecks) as a money cell. */
    public Cell money(Row row, int column, long minor) {
        Cell cell = row.createCell(column);
        cell.setCellValue(BigDecimal.valueOf(minor, 2).doubleValue());
        cell.setCellStyle(money);
        return cell;
    }

    /** A total: a money cell in bold. */
    public Cell totalMoney(Row row, int column, long minor) {
        Cell cell = money(row, column, minor);
        cell.setCellStyle(boldMoney);
        return cell;
    }

    public Cell number(Row row, int column, long value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(integer);
        return cell;
    }

    /** A quantity with decimals (minutes, megabytes) as a number; an empty or non-numeric value as text. */
    public Cell decimal(Row row, int column, String value) {
        if (value == null || !value.matches("-?\\d+(\\.\\d+)?")) {
            return text(row, column, value);
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(new BigDecimal(value).doubleValue());
        cell.setCellStyle(decimal);
        return cell;
    }

    /** A date as a date cell, shown dd.mm.yyyy. */
    public Cell date(Row row, int column, java.time.LocalDate value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(date);
        return cell;
    }

    /** A local date and time as a date cell, shown dd.mm.yyyy hh:mm:ss. */
    public Cell dateTime(Row row, int column, java.time.LocalDateTime value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(dateTime);
        return cell;
    }

    /**
     * Makes rows {@code headingRow} to {@code lastRow} of columns 0 to {@code lastColumn} a table: the rows above and
     * the heading stay in view while scrolling, and the heading has filters.
     */
    public static void table(Sheet sheet, int headingRow, int lastRow, int lastColumn) {
        sheet.createFreezePane(0, headingRow + 1);
        sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(headingRow, Math.max(headingRow, lastRow), 0, lastColumn));
    }

    /**
     * Column widths in characters, from the first column on, and a print layout of landscape pages
     * one page wide, so a printed register or act shows every column.
     */
    public static void layout(Sheet sheet, int... widthsInCharacters) {
        for (int column = 0; column < widthsInCharacters.length; column++) {
            sheet.setColumnWidth(column, widthsInCharacters[column] * 256);
        }
        sheet.getPrintSetup().setLandscape(true);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
    }

    public void header(Sheet sheet, int rowIndex, String... headings) {
        Row row = sheet.createRow(rowIndex);
        for (int i = 0; i < headings.length; i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(headings[i]);
            cell.setCellStyle(header);
        }
    }
}
