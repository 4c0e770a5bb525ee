package dev.ratel.core.rating;

/** The alphabet of an SMS text, which sets how many characters fit in one part. */
public enum SmsEncoding {
    /** The GSM 7-bit alphabet (Latin): 160 characters in one part. */
    GSM7,
    /** UCS-2 (Cyrillic, Kazakh and others): 70 characters in one part. */
    UCS2
}
