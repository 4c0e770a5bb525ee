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
    PARQUET,
    /** 3GPP TS 32.298 charging records in ASN.1 BER (MSC, SMS and PGW records), in TS 32.297 files or bare. */
    BER;

    /** Whether files of this format come from one switch, read with its {@link dev.ratel.formats.cdr.SwitchSettings}. */
    public boolean fromSwitch() {
        return this == ASTERISK || this == FREESWITCH || this == BER;
    }
}
