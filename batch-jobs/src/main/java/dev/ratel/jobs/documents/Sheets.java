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
 * after the cell is edited. Money goes in numeric cells with two decimals so accountants can sum
 * it; the cell holds the decimal the contract prints (XLSX keeps numbers as text in the file).
 */
public final class Sheets {
    private final CellStyle text;
    private final CellStyle guardedText;
    private final CellStyle money;
    private final CellStyle header;
    private final CellStyle bold;

    public Sheets(Workbook workbook) {
        text = workbook.createCellStyle();
        guardedText = workbook.createCellStyle();
        guardedText.setQuotePrefixed(true);
        money = workbook.createCellStyle();
        money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
        Font boldFont = workbook.createFont();
        boldFont.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(boldFont);
        header.setWrapText(true);
        bold = workbook.createCellStyle();
        bold.setFont(boldFont);
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

    public Cell bold(Row row, int column, String value) {
        Cell cell = text(row, column, value);
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

    public Cell number(Row row, int column, long value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        return cell;
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
