package dev.ratel.jobs.deliver;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code RATEL_DELIVERY}: what was sent of which invoice. Each change commits on its own, whatever transaction the
 * caller is in: the row must say SENDING before the message leaves and SENT as soon as the server has taken it, so a
 * kill at any moment leaves either nothing sent, or a row that says what may have been.
 */
public final class DeliveryStore {
    /** The states of a row. */
    public enum Status { SENDING, SENT, FAILED }

    /** An invoice of a period with what its e-mail needs. */
    public record Pending(String invoiceNo, String accountId, String period, String planId, java.time.LocalDate issueDate,
                          java.time.LocalDate dueDate, String currency, long grossMinor, Status status, String messageId) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public DeliveryStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The period's invoices not sent yet (never tried, failed, or left SENDING by a killed run), by invoice number. */
    public List<Pending> pending(String period) {
        return jdbc.query("SELECT I.INVOICE_NO, I.ACCOUNT_ID, I.PERIOD, I.PLAN_ID, I.ISSUE_DATE, I.DUE_DATE, I.CURRENCY, I.GROSS, D.STATUS, D.MESSAGE_ID"
                        + " FROM RATEL_INVOICE I LEFT JOIN RATEL_DELIVERY D ON D.INVOICE_NO = I.INVOICE_NO"
                        + " WHERE I.PERIOD = ? AND (D.STATUS IS NULL OR D.STATUS <> 'SENT') ORDER BY I.INVOICE_NO",
                (rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
                        rs.getDate(6).toLocalDate(), rs.getString(7), rs.getLong(8),
                        rs.getString(9) == null ? null : Status.valueOf(rs.getString(9)), rs.getString(10)), period);
    }

    /** How many of the period's invoices were sent. */
    public int sentCount(String period) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM RATEL_DELIVERY WHERE PERIOD = ? AND STATUS = 'SENT'", Integer.class, period);
        return count == null ? 0 : count;
    }

    /** Marks the invoice as being sent to {@code email}, committed before the message goes out. */
    public void sending(Pending invoice, String email, String messageId, Instant at) {
        ownTransaction.executeWithoutResult(status -> {
            int updated = jdbc.update("UPDATE RATEL_DELIVERY SET STATUS = 'SENDING', EMAIL = ?, ATTEMPTS = ATTEMPTS + 1, MESSAGE_ID = ?,"
                    + " UPDATED_AT = ? WHERE INVOICE_NO = ? AND STATUS <> 'SENT'", email, messageId, Timestamp.from(at), invoice.invoiceNo());
            if (updated == 0) {
                jdbc.update("INSERT INTO RATEL_DELIVERY (INVOICE_NO, PERIOD, ACCOUNT_ID, EMAIL, STATUS, ATTEMPTS, MESSAGE_ID, UPDATED_AT)"
                        + " VALUES (?, ?, ?, ?, 'SENDING', 1, ?, ?)", invoice.invoiceNo(), invoice.period(), invoice.accountId(), email,
                        messageId, Timestamp.from(at));
            }
        });
    }

    public void sent(String invoiceNo, Instant at) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE RATEL_DELIVERY SET STATUS = 'SENT', LAST_ERROR = NULL, UPDATED_AT = ? WHERE INVOICE_NO = ?", Timestamp.from(at), invoiceNo));
    }

    public void failed(String invoiceNo, String error, Instant at) {
        String shortened = error == null ? "" : error.length() > 1000 ? error.substring(0, 1000) : error;
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE RATEL_DELIVERY SET STATUS = 'FAILED', LAST_ERROR = ?, UPDATED_AT = ? WHERE INVOICE_NO = ?", shortened,
                Timestamp.from(at), invoiceNo));
    }
}
