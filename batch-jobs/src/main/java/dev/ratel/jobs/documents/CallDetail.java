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
import dev.ratel.core.account.Account;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.journal.RatedUsageParquet;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Call detail (детализация) of one number over a period, as PDF or XLSX: every rated record with
 * its local time, service, direction, other party, destination class, billed units, what the
 * allowances covered and the price. Read from the rated-usage Parquet with a filter on the number
 * (row groups without it are skipped) and streamed out row by row, the PDF in tables of a few
 * hundred rows and the XLSX through SXSSF, so a number with millions of records keeps a flat heap.
 */
public final class CallDetail {
    public enum Format { PDF, XLSX }

    /** How far back a customer may ask, counting today (the «Кабинет» seed). */
    public static final int MAX_DAYS_BACK = 90;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final int ROWS_PER_TABLE = 500;

    private CallDetail() {
    }

    /**
     * @throws IllegalArgumentException when the period runs backwards, ends after today or starts more
     *     than {@value #MAX_DAYS_BACK} days back (counting today)
     */
    public static void checkPeriod(LocalDate from, LocalDate to, LocalDate today) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period runs backwards: " + from + " to " + to);
        }
        LocalDate earliest = today.minusDays(MAX_DAYS_BACK - 1);
        if (from.isBefore(earliest)) {
            throw new IllegalArgumentException("call detail covers the last " + MAX_DAYS_BACK + " days counting today, from "
                    + earliest + "; " + from + " is older");
        }
    }

    /** One record of the detail. */
    private record Line(long startMillis, String service, String direction, String otherParty, String destination, long billed,
                        long allowance, long amountScaled, boolean late) {
    }

    /**
     * Writes the detail; returns the records written. {@code holder} is the account the number belongs to, named in the
     * heading (null: the number alone).
     */
    public static long write(String outUri, String number, Account holder, LocalDate from, LocalDate to, TariffPlan plan,
                             Format format, OutputStream out) throws IOException {
        String title = title(number, holder, from, to);
        Writer writer = format == Format.PDF ? new PdfWriterOf(out, title, number, plan) : new XlsxWriterOf(out, title);
        long written = 0;
        long total = 0;
        try {
            Configuration conf = new Configuration();
            Path root = new Path(outUri, "rated");
            FileSystem fs = RatedUsageParquet.fileSystem(root, conf);
            long fromMillis = from.atStartOfDay(plan.zone()).toInstant().toEpochMilli();
            long toMillis = to.plusDays(1).atStartOfDay(plan.zone()).toInstant().toEpochMilli();
            FilterCompat.Filter filter = FilterCompat.get(FilterApi.and(
                    FilterApi.eq(FilterApi.binaryColumn("subscriber"), Binary.fromString(number)),
                    FilterApi.and(FilterApi.gtEq(FilterApi.longColumn("start_time"), fromMillis),
                            FilterApi.lt(FilterApi.longColumn("start_time"), toMillis))));
            List<Line> day = new ArrayList<>();
            // a record may be billed in the month after it happened (late usage): read one month more
            for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(to).plusMonths(1)); month = month.plusMonths(1)) {
                FileStatus[] files = fs.globStatus(new Path(root, "period=" + month + "/day=*/part-*.parquet"));
                if (files == null) {
                    continue;
                }
                Arrays.sort(files);
                for (FileStatus file : files) {
                    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file.getPath())
                            .withConf(conf).withFilter(filter).build()) {
                        Group row;
                        while ((row = reader.read()) != null) {
                            day.add(new Line(row.getLong("start_time", 0), row.getString("service", 0), row.getString("direction", 0),
                                    row.getFieldRepetitionCount("other_party") == 0 ? "" : row.getString("other_party", 0),
                                    row.getFieldRepetitionCount("destination_class") == 0 ? "" : row.getString("destination_class", 0),
                                    row.getLong("billed_units", 0), row.getLong("allowance_units", 0), row.getLong("amount", 0),
                                    row.getBoolean("late", 0)));
                        }
                    }
                    // one file holds one day of one export run: write it out in time order and let it go
                    day.sort(java.util.Comparator.comparingLong(Line::startMillis));
                    for (Line line : day) {
                        writer.row(line, plan);
                        written++;
                        total += line.amountScaled();
                    }
                    day.clear();
                }
            }
            writer.finish(written, total, plan);
        } finally {
            writer.close();
        }
        return written;
    }

    /** «Детализация услуг по номеру 77051110001 за период 01.05.2024 — 31.05.2024. Абонент: ТОО «…», лицевой счёт K1». */
    static String title(String number, Account holder, LocalDate from, LocalDate to) {
        String title = "Детализация услуг по номеру " + number + " за период " + DAY.format(from) + " — " + DAY.format(to);
        if (holder != null) {
            title += ". Абонент: " + holder.customerName() + ", лицевой счёт " + holder.id();
        }
        return title;
    }

    /** The service as a customer reads it. */
    static String service(String service) {
        switch (service) {
            case "VOICE": return "Звонок";
            case "SMS": return "SMS";
            case "DATA": return "Интернет";
            default: return service;
        }
    }

    /** The direction as a customer reads it. */
    static String direction(String direction) {
        switch (direction) {
            case "OUT": return "Исходящий";
            case "IN": return "Входящий";
            case "FWD": return "Переадресация";
            default: return direction;
        }
    }

    /** Billed units as a customer reads them: a call's minutes and seconds, messages, data in МБ. */
    static String units(String service, long units) {
        switch (service) {
            case "VOICE": return units / 60 + ":" + (units % 60 < 10 ? "0" : "") + units % 60 + " мин";
            case "SMS": return units + " шт";
            default: return megabytes(units).toPlainString() + " МБ";
        }
    }

    /** Bytes in МБ (2^20 bytes, as the tariffs count them) to three places. */
    static java.math.BigDecimal megabytes(long bytes) {
        return java.math.BigDecimal.valueOf(bytes).divide(java.math.BigDecimal.valueOf(1_048_576), 3, java.math.RoundingMode.HALF_UP);
    }

    private interface Writer extends AutoCloseable {
        void row(Line line, TariffPlan plan) throws IOException;

        void finish(long records, long totalScaled, TariffPlan plan) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class PdfWriterOf implements Writer {
        private final Document document;
        private final Font small = DocumentFonts.regular(7);
        private PdfPTable table;
        private int rowsInTable;

        PdfWriterOf(OutputStream out, String heading, String number, TariffPlan plan) throws IOException {
            document = new Document(PageSize.A4.rotate(), 30, 30, 30, 30);
            PdfWriter.getInstance(document, out).setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
            document.addTitle("Детализация " + number);
            document.open();
            Paragraph title = new Paragraph(heading + " (время: " + plan.zone() + ")", DocumentFonts.bold(11));
            title.setSpacingAfter(6);
            add(title);
            newTable();
        }

        private void newTable() {
            table = new PdfPTable(new float[] {12, 6, 5, 12, 14, 10, 10, 8, 4});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            table.setComplete(false);
            for (String heading : new String[] {"Время", "Услуга", "Вызов", "Другая сторона", "Направление (класс)", "Объём",
                    "Из пакета", "Стоимость", "Позд."}) {
                PdfPCell cell = new PdfPCell(new Phrase(heading, DocumentFonts.bold(7)));
                cell.setGrayFill(0.9f);
                table.addCell(cell);
            }
            rowsInTable = 0;
        }

        @Override
        public void row(Line line, TariffPlan plan) throws IOException {
            table.addCell(new Phrase(TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(line.startMillis()), plan.zone())), small));
            table.addCell(new Phrase(service(line.service()), small));
            table.addCell(new Phrase(direction(line.direction()), small));
            table.addCell(new Phrase(line.otherParty(), small));
            table.addCell(new Phrase(line.destination(), small));
            table.addCell(new Phrase(units(line.service(), line.billed()), small));
            table.addCell(new Phrase(units(line.service(), line.allowance()), small));
            PdfPCell amount = new PdfPCell(new Phrase(Money.formatMinor(Money.scaledToMinorHalfUp(line.amountScaled(), plan.currency())), small));
            amount.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(amount);
            table.addCell(new Phrase(line.late() ? "да" : "", small));
            if (++rowsInTable == ROWS_PER_TABLE) {
                add(table); // the rows written so far leave memory; the table goes on with its header
                rowsInTable = 0;
            }
        }

        @Override
        public void finish(long records, long totalScaled, TariffPlan plan) throws IOException {
            table.setComplete(true);
            add(table);
            add(new Paragraph("Записей: " + records + "; начислено: " + Money.formatMinor(Money.scaledToMinorHalfUp(totalScaled, plan.currency()))
                    + " " + plan.currency().name(), DocumentFonts.bold(9)));
        }

        private void add(Element element) throws IOException {
            try {
                document.add(element);
            } catch (com.lowagie.text.DocumentException e) {
                throw new IOException("cannot render the call detail: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            document.close();
        }
    }

    private static final class XlsxWriterOf implements Writer {
        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        private final Sheets cells = new Sheets(workbook);
        private final Sheet sheet = workbook.createSheet("Детализация");
        private int rowIndex = 3;

        XlsxWriterOf(OutputStream out, String heading) {
            this.out = out;
            cells.bold(sheet.createRow(0), 0, heading);
            cells.header(sheet, 2, "Время", "Услуга", "Направление", "Другая сторона", "Класс", "Объём", "Из пакета", "Единица",
                    "Стоимость", "Поздняя запись");
            Sheets.layout(sheet, 20, 8, 10, 16, 18, 10, 10, 8, 12, 8);
        }

        @Override
        public void row(Line line, TariffPlan plan) {
            Row row = sheet.createRow(rowIndex++);
            cells.dateTime(row, 0, ZonedDateTime.ofInstant(Instant.ofEpochMilli(line.startMillis()), plan.zone()).toLocalDateTime());
            cells.text(row, 1, service(line.service()));
            cells.text(row, 2, direction(line.direction()));
            cells.text(row, 3, line.otherParty());
            cells.text(row, 4, line.destination());
            if (line.service().equals("DATA")) {
                cells.decimal(row, 5, megabytes(line.billed()).toPlainString());
                cells.decimal(row, 6, megabytes(line.allowance()).toPlainString());
            } else {
                cells.number(row, 5, line.billed());
                cells.number(row, 6, line.allowance());
            }
            cells.text(row, 7, line.service().equals("VOICE") ? "с" : line.service().equals("SMS") ? "шт" : "МБ");
            cells.money(row, 8, Money.scaledToMinorHalfUp(line.amountScaled(), plan.currency()));
            cells.text(row, 9, line.late() ? "да" : "");
        }

        @Override
        public void finish(long records, long totalScaled, TariffPlan plan) {
            Sheets.table(sheet, 2, rowIndex - 1, 9);
            Row row = sheet.createRow(rowIndex + 1);
            cells.bold(row, 0, "Записей: " + records);
            cells.money(row, 8, Money.scaledToMinorHalfUp(totalScaled, plan.currency()));
        }

        @Override
        public void close() throws IOException {
            try {
                workbook.write(out);
            } finally {
                workbook.close();
            }
        }
    }
}
