package dev.ratel.core.tariff;

import dev.ratel.core.rating.SmsEncoding;

/** How a plan counts the parts of an SMS. */
public enum SmsSegmentation {
    /**
     * The Keńse seed's rule: 1 SMS = 70 Cyrillic or 160 Latin characters, so parts =
     * ceil(characters / 70) for UCS-2 and ceil(characters / 160) for GSM-7.
     */
    PLAIN(70, 160, 70, 160),
    /**
     * Concatenated messages as networks send them: one part holds 70 / 160 characters, but a
     * message longer than that is split into parts of 67 (UCS-2) or 153 (GSM-7), the rest of each
     * part carrying the concatenation header.
     */
    CONCATENATED(70, 160, 67, 153);

    private final int singleUcs2;
    private final int singleGsm7;
    private final int multiUcs2;
    private final int multiGsm7;

    SmsSegmentation(int singleUcs2, int singleGsm7, int multiUcs2, int multiGsm7) {
        this.singleUcs2 = singleUcs2;
        this.singleGsm7 = singleGsm7;
        this.multiUcs2 = multiUcs2;
        this.multiGsm7 = multiGsm7;
    }

    /** Parts charged for a message of {@code characters}; an empty message is one part. */
    public int parts(int characters, SmsEncoding encoding) {
        int single = encoding == SmsEncoding.UCS2 ? singleUcs2 : singleGsm7;
        if (characters <= single) {
            return 1;
        }
        int multi = encoding == SmsEncoding.UCS2 ? multiUcs2 : multiGsm7;
        return (characters + multi - 1) / multi;
    }
}
