-- Schema 3 of Ratel's own tables, applied over schemas 1 and 2 once, in SQL that H2 and PostgreSQL both take.

-- What ratel deliver sent: one row per invoice, written SENDING before the message goes to the SMTP server and SENT
-- once the server took it, so a run never sends an invoice twice; a row left SENDING by a killed run may or may not
-- have been sent and is not sent again without being asked.
CREATE TABLE IF NOT EXISTS RATEL_DELIVERY (
    INVOICE_NO VARCHAR(40) NOT NULL PRIMARY KEY,
    PERIOD CHAR(7) NOT NULL,
    ACCOUNT_ID VARCHAR(64) NOT NULL,
    EMAIL VARCHAR(320) NOT NULL,
    STATUS VARCHAR(16) NOT NULL,
    ATTEMPTS INTEGER NOT NULL,
    MESSAGE_ID VARCHAR(200) NOT NULL,
    LAST_ERROR VARCHAR(1000),
    UPDATED_AT TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS RATEL_DELIVERY_PERIOD ON RATEL_DELIVERY (PERIOD, STATUS);
