package dev.ratel.formats.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Durable codes for identities (subscription ids, a number on a subscription, a plan's allowance),
 * kept in an append-only file: a code, once given, is the identity's for good, so state keyed by
 * codes (the allowance counters, the rated journal's changed counters) follows identities whatever
 * is added to or reordered in the reference data. Layout, little-endian:
 *
 * <pre>
 * header   long magic "RTELIDS1", int layout version (1), int reserved (0)                     16 bytes
 * entry    int code, unsigned short length, length x UTF-8 bytes of the identity,
 *          int CRC-32C of the code, the length and the identity's bytes                  10 + length bytes
 * </pre>
 *
 * Codes are given in order from 0, each one more than the largest before, and written with each entry,
 * so reading never depends on an entry's position. Entries are appended and forced by {@link #commit}
 * before any state uses their codes; an entry a kill tore (cut short, or failing its CRC) is cut off on
 * the next open: its code was never used. Not thread-safe; the home's lock keeps one writer.
 */
public final class IdDictionary implements Closeable {
    static final long MAGIC = 0x3153_4449_4C45_5452L; // "RTELIDS1"
    static final int LAYOUT_VERSION = 1;
    static final int HEADER_BYTES = DictionaryFile.HEADER_BYTES;
    /** The longest identity, in UTF-8 bytes. */
    public static final int MAX_IDENTITY_BYTES = 1024;

    private final DictionaryFile file;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> identities = new ArrayList<>();
    /** Identities from this index on were given codes since the last commit. */
    private int committed;

    private IdDictionary(DictionaryFile file) {
        this.file = file;
    }

    /** Opens (or creates) a dictionary to read and give codes in. */
    public static IdDictionary open(Path file) throws IOException {
        return open(file, true);
    }

    /** Reads a dictionary without changing it; an absent file reads as empty. Asking it for a new code fails. */
    public static IdDictionary readOnly(Path file) throws IOException {
        return open(file, false);
    }

    private static IdDictionary open(Path path, boolean writable) throws IOException {
        ByteBuffer[] contents = new ByteBuffer[1];
        DictionaryFile file = DictionaryFile.open(path, writable, MAGIC, LAYOUT_VERSION, "id dictionary", contents);
        IdDictionary dictionary = new IdDictionary(file);
        try {
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
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (at < all.limit()) {
            Entry entry = entryAt(all, at);
            if (entry == null) {
                break;
            }
            String identity;
            try {
                identity = decoder.decode(all.slice(at + 6, entry.length)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException(file.path() + ": the entry at byte " + at + " is not UTF-8 although its checksum holds");
            }
            if (entry.code != identities.size() || codes.containsKey(identity)) {
                throw new IOException(file.path() + ": the entry at byte " + at + " gives code " + entry.code + " to '" + identity
                        + "' out of order or twice; the dictionary is damaged");
            }
            codes.put(identity, entry.code);
            identities.add(identity);
            at += 10 + entry.length;
        }
        committed = identities.size();
        if (at < all.limit() && all.limit() - at >= 6) {
            // a kill tears only the last append: a whole entry after a broken one (as its length says) is damage
            int length = Short.toUnsignedInt(all.getShort(at + 4));
            int next = at + 10 + length;
            if (next < all.limit() && entryAt(all, next) != null) {
                throw new IOException(file.path() + ": the entry at byte " + at + " is damaged and a whole entry follows it;"
                        + " the codes of this home cannot be trusted: restore " + file.path() + " from a backup of the home");
            }
        }
        file.cutAt(at, all.limit());
    }

    private record Entry(int code, int length) {
    }

    /** The entry at {@code at}, or null when it is cut short or fails its checksum. */
    private static Entry entryAt(ByteBuffer all, int at) {
        if (all.limit() - at < 10) {
            return null;
        }
        int code = all.getInt(at);
        int length = Short.toUnsignedInt(all.getShort(at + 4));
        if (length == 0 || length > MAX_IDENTITY_BYTES || all.limit() - at < 10 + length) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(all.slice(at, 6 + length));
        return (int) crc.getValue() == all.getInt(at + 6 + length) ? new Entry(code, length) : null;
    }

    /** The identity's code, or -1 when it has none. */
    public int code(String identity) {
        Integer code = codes.get(identity);
        return code == null ? -1 : code;
    }

    /** The identity's code, given now when it has none; durable only after {@link #commit}. */
    public int codeFor(String identity) {
        int given = identities.size();
        Integer code = codes.putIfAbsent(identity, given);
        if (code != null) {
            return code;
        }
        if (!file.writable() || identity.isEmpty() || (identity.length() > MAX_IDENTITY_BYTES / 3
                && identity.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTITY_BYTES)) {
            codes.remove(identity);
            if (!file.writable()) {
                throw new IllegalStateException(file.path() + " is open to read only: cannot give '" + identity + "' a code");
            }
            // a char is at most three bytes of UTF-8: only a long identity needs its bytes counted
            throw new IllegalArgumentException("an identity is 1 to " + MAX_IDENTITY_BYTES + " bytes of UTF-8: '" + identity + "'");
        }
        identities.add(identity);
        return given;
    }

    /** The identity a code was given to, or null. */
    public String identity(int code) {
        return code >= 0 && code < identities.size() ? identities.get(code) : null;
    }

    /** Whether codes can be given ({@link #open}), or only read ({@link #readOnly}). */
    public boolean writable() {
        return file.writable();
    }

    public int size() {
        return identities.size();
    }

    /** Appends the codes given since the last commit and forces them to disk. */
    public void commit() throws IOException {
        if (committed == identities.size()) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        long position = file.size();
        for (int code = committed; code < identities.size(); code++) {
            byte[] bytes = identities.get(code).getBytes(StandardCharsets.UTF_8);
            if (out.remaining() < 10 + bytes.length) {
                out.flip();
                position += file.write(out, position);
                out.clear();
            }
            encode(out, code, bytes);
        }
        out.flip();
        file.write(out, position);
        file.force();
        committed = identities.size();
    }

    /** One entry as the layout draws it. */
    static void encode(ByteBuffer out, int code, byte[] identity) {
        int start = out.position();
        out.putInt(code).putShort((short) identity.length).put(identity);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(out.position()));
        out.putInt((int) crc.getValue());
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
