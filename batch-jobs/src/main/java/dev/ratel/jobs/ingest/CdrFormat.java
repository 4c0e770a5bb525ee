package dev.ratel.jobs.ingest;

/** The input formats {@code ratel ingest} reads. */
public enum CdrFormat {
    /** The contract's canonical CDR CSV. */
    CANONICAL,
    /** Asterisk's cdr_csv {@code Master.csv}. */
    ASTERISK,
    /** Parquet with the canonical columns. */
    PARQUET
}
