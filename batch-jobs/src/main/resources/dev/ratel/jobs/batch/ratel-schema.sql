-- Ratel's own tables beside Spring Batch's, in SQL that H2 and PostgreSQL both take.
-- Money columns are minor units (tiyn, kopecks); unit prices are 1/10 000 of a major unit.

-- A period is closed once its invoices are issued; usage for it that arrives later is rated
-- into the next open period as a late adjustment.
CREATE TABLE RATEL_PERIOD (
    PERIOD CHAR(7) NOT NULL PRIMARY KEY,
    CLOSED_AT TIMESTAMP NOT NULL
);

-- The last number used per series and year: invoices are numbered without gaps.
CREATE TABLE RATEL_INVOICE_SERIES (
    SERIES VARCHAR(16) NOT NULL,
    SERIES_YEAR INT NOT NULL,
    LAST_NO BIGINT NOT NULL,
    PRIMARY KEY (SERIES, SERIES_YEAR)
);

-- An issued invoice never changes: a re-run of its period renders it again from here.
CREATE TABLE RATEL_INVOICE (
    INVOICE_NO VARCHAR(40) NOT NULL PRIMARY KEY,
    ACCOUNT_ID VARCHAR(64) NOT NULL,
    PERIOD CHAR(7) NOT NULL,
    PLAN_ID VARCHAR(64) NOT NULL,
    ISSUE_DATE DATE NOT NULL,
    DUE_DATE DATE NOT NULL,
    CURRENCY CHAR(3) NOT NULL,
    NET BIGINT NOT NULL,
    TAX BIGINT NOT NULL,
    GROSS BIGINT NOT NULL,
    FLAGS VARCHAR(200) NOT NULL,
    CONSTRAINT RATEL_INVOICE_ONE_PER_PERIOD UNIQUE (ACCOUNT_ID, PERIOD)
);

CREATE TABLE RATEL_INVOICE_LINE (
    INVOICE_NO VARCHAR(40) NOT NULL,
    LINE_NO INT NOT NULL,
    CODE VARCHAR(64) NOT NULL,
    DESCRIPTION VARCHAR(500) NOT NULL,
    QUANTITY VARCHAR(32) NOT NULL,
    UNIT VARCHAR(16) NOT NULL,
    UNIT_PRICE BIGINT,
    NET BIGINT NOT NULL,
    TAX_RATE INT NOT NULL,
    TAX BIGINT NOT NULL,
    GROSS BIGINT NOT NULL,
    PRIMARY KEY (INVOICE_NO, LINE_NO)
);
