package dev.ratel.formats.cdr;

import java.io.IOException;

/**
 * A file whose content cannot be decoded from some point on (a Parquet page that fails its checksum or
 * does not decode): not a bad record but a bad file, reported as one {@link RejectReason#CORRUPT_FILE}.
 */
public final class DamagedFileException extends IOException {
    public DamagedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
