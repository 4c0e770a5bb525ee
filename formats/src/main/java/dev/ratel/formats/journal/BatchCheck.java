package dev.ratel.formats.journal;

import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Verifies a checked batch's CRC-32C ({@link JournalLayout#BATCH_CHECKED}): the stored checksum, then the
 * CRC-32C of every byte after it, copied out of the excerpt at once (Chronicle's mapped bytes have no
 * view the JDK's CRC can read). Leaves the excerpt's read position where it was. Serves the usage and the
 * rated journal, whose checked batches differ only in the least bytes a whole one has. Reused; not thread-safe.
 */
final class BatchCheck {
    private final CRC32C crc = new CRC32C();
    private final int leastBodyBytes;
    private byte[] copy = new byte[64 * 1024];

    /** {@code leastBodyBytes}: what a whole batch holds after its checksum at the least (its head). */
    BatchCheck(int leastBodyBytes) {
        this.leastBodyBytes = leastBodyBytes;
    }

    /** Whether the excerpt, read up to just after its type byte, matches its checksum. */
    boolean verify(Bytes<?> in) {
        long at = in.readPosition();
        long remaining = in.readRemaining();
        if (remaining < 4 + leastBodyBytes || remaining > Integer.MAX_VALUE) {
            return false;
        }
        int stored = in.readInt(at);
        int length = (int) remaining - 4;
        if (copy.length < length) {
            copy = new byte[Math.max(length, copy.length * 2)];
        }
        in.read(at + 4, copy, 0, length);
        crc.reset();
        crc.update(copy, 0, length);
        return (int) crc.getValue() == stored;
    }
}
