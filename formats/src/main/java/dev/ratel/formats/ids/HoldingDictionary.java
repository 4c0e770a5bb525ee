package dev.ratel.formats.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Durable codes for numbers held on subscriptions: the identity of a number's allowances is the pair
 * (the subscription's code, the number), kept as binary entries of fixed width in an append-only file, so
 * a home of a million numbers gives and reads their codes without a string per number (as strings in an
 * {@link IdDictionary}, the codes of 100 000 numbers cost a first night's rating a quarter of a second).
 * Layout, little-endian:
 *
 * <pre>
 * header   long magic "RTELHLD1", int layout version (1), int reserved (0)                     16 bytes
 * entry    int code, int subscription code, long number, int CRC-32C of the 16 bytes before     20 bytes
 * </pre>
 *
 * Codes are given in order from 0 and written with each entry. Entries are appended and forced by
 * {@link #commit} before any state uses their codes; an entry a kill tore (cut short, or failing its CRC)
 * is cut off on the next open: its code was never used. Not thread-safe; the home's lock keeps one writer.
 */
public final class HoldingDictionary implements Closeable {
    static final long MAGIC = 0x3144_4C48_4C45_5452L; // "RTELHLD1"
    static final int LAYOUT_VERSION = 1;
    static final int HEADER_BYTES = DictionaryFile.HEADER_BYTES;
    static final int ENTRY_BYTES = 20;

    private final DictionaryFile file;
    /** Open addressing by (subscription, number): slot i holds numbers[i], subscriptions[i] and codes[i] + 1 (0: empty). */
    private long[] numbers = new long[1024];
    private int[] subscriptions = new int[1024];
    private int[] codes = new int[1024];
    /** By code: the entry's slot, to write pending entries in code order. */
    private int[] slotOfCode = new int[512];
    private int size;
    private int committed;

    private HoldingDictionary(DictionaryFile file) {
        this.file = file;
    }

    /** Opens (or creates) a dictionary to read and give codes in. */
    public static HoldingDictionary open(Path file) throws IOException {
        return open(file, 0);
    }

    /** {@link #open(Path)}, with room made at once for {@code expected} entries (growing as it fills cost a first night's rating). */
    public static HoldingDictionary open(Path file, int expected) throws IOException {
        return open(file, true, expected);
    }

    /** Reads a dictionary without changing it; an absent file reads as empty. */
    public static HoldingDictionary readOnly(Path file) throws IOException {
        return open(file, false, 0);
    }

    private static HoldingDictionary open(Path path, boolean writable, int expected) throws IOException {
        ByteBuffer[] contents = new ByteBuffer[1];
        DictionaryFile file = DictionaryFile.open(path, writable, MAGIC, LAYOUT_VERSION, "holding dictionary", contents);
        HoldingDictionary dictionary = new HoldingDictionary(file);
        try {
            dictionary.ensure(Math.max(expected, (contents[0].limit() - HEADER_BYTES) / ENTRY_BYTES));
            dictionary.load(contents[0]);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return dictionary;
    }

    private void load(ByteBuffer all) throws IOException {
        if (all.limit() == 0) {
            return;
        }
        int at = HEADER_BYTES;
        CRC32C crc = new CRC32C();
        for (; all.limit() - at >= ENTRY_BYTES; at += ENTRY_BYTES) {
            crc.reset();
            crc.update(all.slice(at, 16));
            if ((int) crc.getValue() != all.getInt(at + 16)) {
                break;
            }
            int code = all.getInt(at);
            int subscription = all.getInt(at + 4);
            long number = all.getLong(at + 8);
            if (code != size || slot(subscription, number) >= 0) {
                throw new IOException(file.path() + ": the entry at byte " + at + " gives code " + code + " out of order or twice;"
                        + " the dictionary is damaged");
            }
            insert(subscription, number);
        }
        committed = size;
        for (int later = at + ENTRY_BYTES; all.limit() - later >= ENTRY_BYTES; later += ENTRY_BYTES) {
            crc.reset();
            crc.update(all.slice(later, 16));
            if ((int) crc.getValue() == all.getInt(later + 16)) {
                // a kill tears only the last append: a whole entry after a broken one is damage, not a torn tail
                throw new IOException(file.path() + ": the entry at byte " + at + " is damaged and whole entries follow it;"
                        + " the codes of this home cannot be trusted: restore " + file.path() + " from a backup of the home");
            }
        }
        file.cutAt(at, all.limit());
    }

    /** The code of a number on a subscription, or -1 when it has none. */
    public int code(int subscriptionCode, long number) {
        int slot = slot(subscriptionCode, number);
        return slot < 0 ? -1 : codes[slot] - 1;
    }

    /** The code of a number on a subscription, given now when it has none; durable only after {@link #commit}. */
    public int codeFor(int subscriptionCode, long number) {
        int slot = slot(subscriptionCode, number);
        if (slot >= 0) {
            return codes[slot] - 1;
        }
        if (!file.writable()) {
            throw new IllegalStateException(file.path() + " is open to read only: cannot give number " + number + " a code");
        }
        ensure(size + 1);
        return insert(subscriptionCode, number);
    }

    public int size() {
        return size;
    }

    /** Whether codes can be given ({@link #open}), or only read ({@link #readOnly}). */
    public boolean writable() {
        return file.writable();
    }

    /** Appends the codes given since the last commit and forces them to disk. */
    public void commit() throws IOException {
        if (committed == size) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(64 * 1024 / ENTRY_BYTES * ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = file.size();
        CRC32C crc = new CRC32C();
        for (int code = committed; code < size; code++) {
            if (out.remaining() < ENTRY_BYTES) {
                out.flip();
                position += file.write(out, position);
                out.clear();
            }
            int slot = slotOfCode[code];
            encode(out, crc, code, subscriptions[slot], numbers[slot]);
        }
        out.flip();
        file.write(out, position);
        file.force();
        committed = size;
    }

    /** One entry as the layout draws it. */
    static void encode(ByteBuffer out, CRC32C crc, int code, int subscriptionCode, long number) {
        int start = out.position();
        out.putInt(code).putInt(subscriptionCode).putLong(number);
        crc.reset();
        crc.update(out.duplicate().position(start).limit(start + 16));
        out.putInt((int) crc.getValue());
    }

    private static int hash(int subscription, long number) {
        long h = number * 0x9E3779B97F4A7C15L + subscription * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ h >>> 32);
    }

    /** The slot holding the pair, or -1 - the empty slot where it would go. */
    private int slot(int subscription, long number) {
        int mask = codes.length - 1;
        for (int slot = hash(subscription, number) & mask; ; slot = (slot + 1) & mask) {
            if (codes[slot] == 0) {
                return -1 - slot;
            }
            if (numbers[slot] == number && subscriptions[slot] == subscription) {
                return slot;
            }
        }
    }

    private int insert(int subscription, long number) {
        int slot = -1 - slot(subscription, number);
        int code = size++;
        numbers[slot] = number;
        subscriptions[slot] = subscription;
        codes[slot] = code + 1;
        slotOfCode[code] = slot;
        return code;
    }

    /** Room for {@code entries} at most half full. */
    private void ensure(int entries) {
        if (slotOfCode.length < entries) {
            slotOfCode = java.util.Arrays.copyOf(slotOfCode, Math.max(entries, slotOfCode.length * 2));
        }
        if (entries * 2L <= codes.length) {
            return;
        }
        int capacity = Integer.highestOneBit(Math.max(1024, entries * 2 - 1)) << 1;
        long[] oldNumbers = numbers;
        int[] oldSubscriptions = subscriptions;
        int[] oldCodes = codes;
        numbers = new long[capacity];
        subscriptions = new int[capacity];
        codes = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldCodes.length; i++) {
            if (oldCodes[i] != 0) {
                int slot = hash(oldSubscriptions[i], oldNumbers[i]) & mask;
                while (codes[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                numbers[slot] = oldNumbers[i];
                subscriptions[slot] = oldSubscriptions[i];
                codes[slot] = oldCodes[i];
                slotOfCode[oldCodes[i] - 1] = slot;
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
