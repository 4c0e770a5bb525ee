package dev.ratel.jobs.ingest;

/** The input formats {@code ratel ingest} reads. */
public enum CdrFormat {
    /** The contract's canonical CDR CSV. */
    CANONICAL,
    /** Asterisk's cdr_csv {@code Master.csv}. */
    ASTERISK,
    /** FreeSWITCH's mod_cdr_csv files, stock {@code example} template. */
    FREESWITCH,
    /** Parquet with the canonical columns. */
    PARQUET;

    /** Whether files of this format come from one switch, read with its {@link dev.ratel.formats.cdr.SwitchSettings}. */
    public boolean fromSwitch() {
        return this == ASTERISK || this == FREESWITCH;
    }
}
