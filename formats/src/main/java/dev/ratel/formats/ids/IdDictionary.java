package dev.ratel.formats.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    static final int HEADER_BYTES = 16;
    /** The longest identity, in UTF-8 bytes. */
    public static final int MAX_IDENTITY_BYTES = 1024;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IdDictionary.class);

    private final Path file;
    private final boolean writable;
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> identities = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private FileChannel channel;

    private IdDictionary(Path file, boolean writable) {
        this.file = file;
        this.writable = writable;
    }

    /** Opens (or creates) a dictionary to read and give codes in. */
    public static IdDictionary open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        IdDictionary dictionary = new IdDictionary(file, true);
        dictionary.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        dictionary.load();
        return dictionary;
    }

    /** Reads a dictionary without changing it; an absent file reads as empty. Asking it for a new code fails. */
    public static IdDictionary readOnly(Path file) throws IOException {
        IdDictionary dictionary = new IdDictionary(file, false);
        if (Files.exists(file)) {
            dictionary.channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                dictionary.load();
            } finally {
                dictionary.channel.close();
                dictionary.channel = null;
            }
        }
        return dictionary;
    }

    private void load() throws IOException {
        long size = channel.size();
        if (size == 0) {
            if (writable) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.putLong(MAGIC).putInt(LAYOUT_VERSION).putInt(0).flip();
                writeFully(header, 0);
                channel.force(true);
            }
            return;
        }
        ByteBuffer all = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size)).order(ByteOrder.LITTLE_ENDIAN);
        while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
            // read on until full
        }
        all.flip();
        if (all.remaining() < HEADER_BYTES || all.getLong(0) != MAGIC) {
            throw new IOException(file + " is not a Ratel id dictionary");
        }
        if (all.getInt(8) != LAYOUT_VERSION) {
            throw new IOException(file + " is an id dictionary of layout " + all.getInt(8) + "; this Ratel reads layout "
                    + LAYOUT_VERSION + ": use the Ratel that wrote this home");
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
                throw new IOException(file + ": the entry at byte " + at + " is not UTF-8 although its checksum holds");
            }
            if (entry.code != identities.size() || codes.containsKey(identity)) {
                throw new IOException(file + ": the entry at byte " + at + " gives code " + entry.code + " to '" + identity
                        + "' out of order or twice; the dictionary is damaged");
            }
            codes.put(identity, entry.code);
            identities.add(identity);
            at += 10 + entry.length;
        }
        if (at < all.limit()) {
            if (!writable) {
                return; // the writer cuts it on its next open
            }
            LOG.warn("{}: {} bytes after the last whole entry (a write a kill cut short) are cut off", file, all.limit() - at);
            channel.truncate(at);
            channel.force(true);
        }
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
        Integer code = codes.get(identity);
        if (code != null) {
            return code;
        }
        if (!writable) {
            throw new IllegalStateException(file + " is open to read only: cannot give '" + identity + "' a code");
        }
        byte[] bytes = identity.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_IDENTITY_BYTES) {
            throw new IllegalArgumentException("an identity is 1 to " + MAX_IDENTITY_BYTES + " bytes of UTF-8: '" + identity + "'");
        }
        int given = identities.size();
        codes.put(identity, given);
        identities.add(identity);
        pending.add(identity);
        return given;
    }

    /** The identity a code was given to, or null. */
    public String identity(int code) {
        return code >= 0 && code < identities.size() ? identities.get(code) : null;
    }

    /** Whether codes can be given ({@link #open}), or only read ({@link #readOnly}). */
    public boolean writable() {
        return writable;
    }

    public int size() {
        return identities.size();
    }

    /** Appends the codes given since the last commit and forces them to disk. */
    public void commit() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        int firstCode = identities.size() - pending.size();
        ByteBuffer out = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        long position = channel.size();
        for (int i = 0; i < pending.size(); i++) {
            byte[] bytes = pending.get(i).getBytes(StandardCharsets.UTF_8);
            if (out.remaining() < 10 + bytes.length) {
                out.flip();
                position += writeFully(out, position);
                out.clear();
            }
            encode(out, firstCode + i, bytes);
        }
        out.flip();
        writeFully(out, position);
        channel.force(false);
        pending.clear();
    }

    /** One entry as the layout draws it. */
    static void encode(ByteBuffer out, int code, byte[] identity) {
        int start = out.position();
        out.putInt(code).putShort((short) identity.length).put(identity);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(out.position()));
        out.putInt((int) crc.getValue());
    }

    private int writeFully(ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
