-- Schema 2 of Ratel's own tables, applied over schema 1 (ratel-schema.sql) once, in SQL that H2 and
-- PostgreSQL both take.

-- A line billed in advance (a fee due on the period's first day): an account paying in advance is
-- debited it then, the rest of its invoice on the issue date.
ALTER TABLE RATEL_INVOICE_LINE ADD COLUMN IF NOT EXISTS IN_ADVANCE BOOLEAN DEFAULT FALSE NOT NULL;

-- An account a close could not invoice (its data breaks a rule of its plan): every other account is
-- invoiced; this one waits, with the reason, until the data is fixed and the period closed again.
CREATE TABLE IF NOT EXISTS RATEL_HELD_ACCOUNT (
    PERIOD CHAR(7) NOT NULL,
    ACCOUNT_ID VARCHAR(64) NOT NULL,
    REASON VARCHAR(1000) NOT NULL,
    HELD_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (PERIOD, ACCOUNT_ID)
);
