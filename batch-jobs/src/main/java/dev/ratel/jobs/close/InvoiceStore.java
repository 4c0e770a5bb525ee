package dev.ratel.jobs.close;

import dev.ratel.core.money.Currency;
import dev.ratel.core.tax.LineAmounts;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issued invoices, their numbering and closed periods in the job store's database. Called inside the batch step's transaction, so an invoice, its lines and the series
 * counter commit together or not at all: numbers have no gaps and an issued invoice is never
 * issued twice.
 */
public final class InvoiceStore {
    private final JdbcTemplate jdbc;

    public InvoiceStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public boolean isClosed(String period) {
        return count("SELECT COUNT(*) FROM RATEL_PERIOD WHERE PERIOD = ?", period) > 0;
    }

    /** Closed periods, as {@code YYYY-MM}. */
    public Set<String> closedPeriods() {
        return new TreeSet<>(jdbc.queryForList("SELECT PERIOD FROM RATEL_PERIOD", String.class));
    }

    /** Closed periods as the rating keys them ({@code year * 12 + month - 1}). */
    public Set<Integer> closedPeriodKeys() {
        Set<Integer> keys = new TreeSet<>();
        for (String period : closedPeriods()) {
            java.time.YearMonth month = java.time.YearMonth.parse(period);
            keys.add(dev.ratel.core.time.CivilDates.period(month.getYear(), month.getMonthValue()));
        }
        return keys;
    }

    public void close(String period, Instant at) {
        if (!isClosed(period)) {
            jdbc.update("INSERT INTO RATEL_PERIOD (PERIOD, CLOSED_AT) VALUES (?, ?)", period, Timestamp.from(at));
        }
    }

    public Set<String> invoicedAccounts(String period) {
        return new HashSet<>(jdbc.queryForList("SELECT ACCOUNT_ID FROM RATEL_INVOICE WHERE PERIOD = ?", String.class, period));
    }

    /** Numbers and stores the invoice; returns it with its number. */
    public Invoice issue(Invoice invoice, String series) {
        return issueAll(List.of(invoice), List.of(series)).get(0);
    }

    /**
     * Numbers and stores a chunk of invoices in their order, in the caller's transaction: each series' counter is
     * locked, read and moved once per chunk, and the invoices and their lines go in as two batches. Returns the
     * invoices with their numbers.
     *
     * @param series the series of each invoice, in the same order
     */
    public List<Invoice> issueAll(List<Invoice> invoices, List<String> series) {
        Map<String, long[]> last = new LinkedHashMap<>();
        List<Invoice> numbered = new ArrayList<>(invoices.size());
        for (int i = 0; i < invoices.size(); i++) {
            Invoice invoice = invoices.get(i);
            String name = series.get(i);
            int year = invoice.issueDate().getYear();
            long[] counter = last.computeIfAbsent(name + '\u0000' + year, k -> new long[] {lastNumber(name, year)});
            counter[0]++;
            numbered.add(invoice.numbered(String.format("%s-%d-%06d", name, year, counter[0])));
        }
        for (Map.Entry<String, long[]> counter : last.entrySet()) {
            String[] key = counter.getKey().split("\u0000");
            jdbc.update("UPDATE RATEL_INVOICE_SERIES SET LAST_NO = ? WHERE SERIES = ? AND SERIES_YEAR = ?", counter.getValue()[0], key[0],
                    Integer.parseInt(key[1]));
        }
        List<Object[]> headers = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (Invoice invoice : numbered) {
            LineAmounts total = invoice.total();
            headers.add(new Object[] {invoice.invoiceNo(), invoice.accountId(), invoice.period(), invoice.planId(),
                    Date.valueOf(invoice.issueDate()), Date.valueOf(invoice.dueDate()), invoice.currency().name(), total.netMinor(),
                    total.taxMinor(), total.grossMinor(), invoice.flagsText()});
            for (Invoice.Line line : invoice.lines()) {
                rows.add(new Object[] {invoice.invoiceNo(), line.lineNo(), line.code(), line.description(), line.quantity(), line.unit(),
                        line.unitPriceScaled(), line.amounts().netMinor(), line.taxBasisPoints(), line.amounts().taxMinor(),
                        line.amounts().grossMinor(), line.inAdvance()});
            }
        }
        jdbc.batchUpdate("INSERT INTO RATEL_INVOICE (INVOICE_NO, ACCOUNT_ID, PERIOD, PLAN_ID, ISSUE_DATE, DUE_DATE, CURRENCY, NET, TAX, GROSS,"
                + " FLAGS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", headers);
        jdbc.batchUpdate("INSERT INTO RATEL_INVOICE_LINE (INVOICE_NO, LINE_NO, CODE, DESCRIPTION, QUANTITY, UNIT, UNIT_PRICE, NET, TAX_RATE, TAX,"
                + " GROSS, IN_ADVANCE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return numbered;
    }

    /** The series' last number of the year, its row locked for this transaction (made, at 0, on the year's first invoice). */
    private long lastNumber(String series, int year) {
        List<Long> last = jdbc.queryForList("SELECT LAST_NO FROM RATEL_INVOICE_SERIES WHERE SERIES = ? AND SERIES_YEAR = ? FOR UPDATE",
                Long.class, series, year);
        if (!last.isEmpty()) {
            return last.get(0);
        }
        jdbc.update("INSERT INTO RATEL_INVOICE_SERIES (SERIES, SERIES_YEAR, LAST_NO) VALUES (?, ?, 0)", series, year);
        return 0;
    }

    /** What is done with each invoice of a period read page by page. */
    public interface InvoiceVisitor {
        void visit(Invoice invoice) throws java.io.IOException;
    }

    /**
     * Visits the period's invoices in the order of their numbers, {@value #PAGE} at a time with their lines, so the
     * heap holds a page, not the period.
     */
    public void forEachInvoice(String period, InvoiceVisitor visitor) throws java.io.IOException {
        String after = "";
        while (true) {
            List<Invoice> headers = jdbc.query("SELECT * FROM RATEL_INVOICE WHERE PERIOD = ? AND INVOICE_NO > ? ORDER BY INVOICE_NO LIMIT " + PAGE,
                    (rs, n) -> header(rs, List.of()), period, after);
            if (headers.isEmpty()) {
                return;
            }
            String last = headers.get(headers.size() - 1).invoiceNo();
            Map<String, List<Invoice.Line>> lines = new java.util.HashMap<>();
            jdbc.query("SELECT L.* FROM RATEL_INVOICE_LINE L JOIN RATEL_INVOICE I ON I.INVOICE_NO = L.INVOICE_NO"
                            + " WHERE I.PERIOD = ? AND I.INVOICE_NO > ? AND I.INVOICE_NO <= ? ORDER BY L.INVOICE_NO, L.LINE_NO",
                    rs -> {
                        lines.computeIfAbsent(rs.getString("INVOICE_NO"), k -> new ArrayList<>()).add(line(rs));
                    }, period, after, last);
            for (Invoice header : headers) {
                visitor.visit(header.withLines(lines.getOrDefault(header.invoiceNo(), List.of())));
            }
            after = last;
        }
    }

    private static final int PAGE = 500;

    /** The period's invoiced accounts, sorted by id: what the document buckets split. */
    public List<String> invoicedAccountsSorted(String period) {
        return jdbc.queryForList("SELECT ACCOUNT_ID FROM RATEL_INVOICE WHERE PERIOD = ? ORDER BY ACCOUNT_ID", String.class, period);
    }

    /**
     * Up to {@code limit} of the period's invoices, with their lines, of the accounts after {@code after} and up to
     * {@code upTo} (null: no end), in account id order: a page of a document bucket.
     */
    public List<Invoice> invoicesOfAccounts(String period, String after, String upTo, int limit) {
        String range = "PERIOD = ? AND ACCOUNT_ID > ?" + (upTo == null ? "" : " AND ACCOUNT_ID <= ?");
        Object[] arguments = upTo == null ? new Object[] {period, after} : new Object[] {period, after, upTo};
        List<Invoice> headers = jdbc.query("SELECT * FROM RATEL_INVOICE WHERE " + range + " ORDER BY ACCOUNT_ID LIMIT " + limit,
                (rs, n) -> header(rs, List.of()), arguments);
        if (headers.isEmpty()) {
            return headers;
        }
        Map<String, List<Invoice.Line>> lines = new java.util.HashMap<>();
        jdbc.query("SELECT L.* FROM RATEL_INVOICE_LINE L JOIN RATEL_INVOICE I ON I.INVOICE_NO = L.INVOICE_NO"
                        + " WHERE I.PERIOD = ? AND I.ACCOUNT_ID > ? AND I.ACCOUNT_ID <= ? ORDER BY L.INVOICE_NO, L.LINE_NO",
                rs -> {
                    lines.computeIfAbsent(rs.getString("INVOICE_NO"), k -> new ArrayList<>()).add(line(rs));
                }, period, after, headers.get(headers.size() - 1).accountId());
        List<Invoice> page = new ArrayList<>(headers.size());
        for (Invoice header : headers) {
            page.add(header.withLines(lines.getOrDefault(header.invoiceNo(), List.of())));
        }
        return page;
    }

    /** The period's issued invoices in the order of their numbers. */
    public List<Invoice> invoices(String period) {
        Map<String, List<Invoice.Line>> lines = new LinkedHashMap<>();
        jdbc.query("SELECT L.* FROM RATEL_INVOICE_LINE L JOIN RATEL_INVOICE I ON I.INVOICE_NO = L.INVOICE_NO"
                + " WHERE I.PERIOD = ? ORDER BY L.INVOICE_NO, L.LINE_NO", rs -> {
                    lines.computeIfAbsent(rs.getString("INVOICE_NO"), k -> new ArrayList<>()).add(line(rs));
                }, period);
        return jdbc.query("SELECT * FROM RATEL_INVOICE WHERE PERIOD = ? ORDER BY INVOICE_NO",
                (rs, n) -> header(rs, lines.getOrDefault(rs.getString("INVOICE_NO"), List.of())), period);
    }

    private static Invoice.Line line(java.sql.ResultSet rs) throws java.sql.SQLException {
        long unitPrice = rs.getLong("UNIT_PRICE");
        Long price = rs.wasNull() ? null : unitPrice;
        return new Invoice.Line(rs.getInt("LINE_NO"), rs.getString("CODE"), rs.getString("DESCRIPTION"), rs.getString("QUANTITY"),
                rs.getString("UNIT"), price, rs.getInt("TAX_RATE"), new LineAmounts(rs.getLong("NET"), rs.getLong("TAX"), rs.getLong("GROSS")),
                rs.getBoolean("IN_ADVANCE"));
    }

    private static Invoice header(java.sql.ResultSet rs, List<Invoice.Line> lines) throws java.sql.SQLException {
        String flags = rs.getString("FLAGS");
        return new Invoice(rs.getString("INVOICE_NO"), rs.getString("ACCOUNT_ID"), rs.getString("PERIOD"), rs.getString("PLAN_ID"),
                rs.getDate("ISSUE_DATE").toLocalDate(), rs.getDate("DUE_DATE").toLocalDate(), Currency.valueOf(rs.getString("CURRENCY").trim()),
                lines, flags.isEmpty() ? Set.of() : Set.of(flags.split("\\|")));
    }

    /**
     * An issued invoice's header: what the account ledger needs. Amounts in minor units; {@code advanceGross} is the
     * part of {@code gross} due on the period's first day (fees billed in advance).
     */
    public record Issued(String invoiceNo, String accountId, String period, LocalDate issueDate, LocalDate dueDate,
                         String currency, long net, long tax, long gross, long advanceGross) {
        /** An invoice due whole on its issue date. */
        public Issued(String invoiceNo, String accountId, String period, LocalDate issueDate, LocalDate dueDate,
                      String currency, long net, long tax, long gross) {
            this(invoiceNo, accountId, period, issueDate, dueDate, currency, net, tax, gross, 0);
        }
    }

    /**
     * Issued invoices of periods that started on or before {@code day} (an advance payer owes a period's advance
     * lines from its first day), of one account or (null) of all, by issue date and number.
     */
    public List<Issued> issuedUpTo(LocalDate day, String accountId) {
        String sql = "SELECT I.*, (SELECT COALESCE(SUM(L.GROSS), 0) FROM RATEL_INVOICE_LINE L WHERE L.INVOICE_NO = I.INVOICE_NO"
                + " AND L.IN_ADVANCE) AS ADVANCE_GROSS FROM RATEL_INVOICE I WHERE I.PERIOD <= ?"
                + (accountId == null ? "" : " AND I.ACCOUNT_ID = ?") + " ORDER BY I.ISSUE_DATE, I.INVOICE_NO";
        String period = java.time.YearMonth.from(day).toString();
        Object[] arguments = accountId == null ? new Object[] {period} : new Object[] {period, accountId};
        return jdbc.query(sql, (rs, n) -> new Issued(rs.getString("INVOICE_NO"), rs.getString("ACCOUNT_ID"), rs.getString("PERIOD"),
                rs.getDate("ISSUE_DATE").toLocalDate(), rs.getDate("DUE_DATE").toLocalDate(), rs.getString("CURRENCY").trim(),
                rs.getLong("NET"), rs.getLong("TAX"), rs.getLong("GROSS"), rs.getLong("ADVANCE_GROSS")), arguments);
    }

    /** Holds an account out of a period's close, with the reason; holding it again replaces the reason. */
    public void hold(String period, String accountId, String reason, Instant at) {
        release(period, accountId);
        jdbc.update("INSERT INTO RATEL_HELD_ACCOUNT (PERIOD, ACCOUNT_ID, REASON, HELD_AT) VALUES (?, ?, ?, ?)", period, accountId,
                reason.length() > 1000 ? reason.substring(0, 997) + "..." : reason, Timestamp.from(at));
    }

    /** The accounts are no longer held (they were invoiced, or have nothing to invoice), as one batch. */
    public void releaseAll(String period, List<String> accounts) {
        List<Object[]> rows = new ArrayList<>();
        for (String account : accounts) {
            rows.add(new Object[] {period, account});
        }
        jdbc.batchUpdate("DELETE FROM RATEL_HELD_ACCOUNT WHERE PERIOD = ? AND ACCOUNT_ID = ?", rows);
    }

    /** The account is no longer held (it was invoiced). */
    public void release(String period, String accountId) {
        jdbc.update("DELETE FROM RATEL_HELD_ACCOUNT WHERE PERIOD = ? AND ACCOUNT_ID = ?", period, accountId);
    }

    /** Accounts held out of a period's close, by account id, with their reasons. */
    public Map<String, String> held(String period) {
        Map<String, String> held = new java.util.TreeMap<>();
        jdbc.query("SELECT ACCOUNT_ID, REASON FROM RATEL_HELD_ACCOUNT WHERE PERIOD = ?",
                rs -> {
                    held.put(rs.getString("ACCOUNT_ID"), rs.getString("REASON"));
                }, period);
        return held;
    }

    private long count(String sql, Object... arguments) {
        Long n = jdbc.queryForObject(sql, Long.class, arguments);
        return n == null ? 0 : n;
    }
}
