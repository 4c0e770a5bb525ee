package dev.ratel.formats.ids;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under a dictionary of codes: a 16-byte header ({@code long magic, int layout version, int 0},
 * little-endian) and entries appended after it. It reads the file whole on open, cuts off what a kill left
 * of an append, appends, and forces what was appended; what an entry holds is its dictionary's.
 */
final class DictionaryFile implements Closeable {
    static final int HEADER_BYTES = 16;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DictionaryFile.class);

    private final Path file;
    private final boolean writable;
    private FileChannel channel;

    private DictionaryFile(Path file, boolean writable) {
        this.file = file;
        this.writable = writable;
    }

    /**
     * Opens the file and reads it whole (an empty buffer for a new or absent file), checking its header. A writable
     * file is created with its header when absent; a read-only one is closed again at once.
     *
     * @throws IOException when the file is of another kind or layout, named {@code what} in the message
     */
    static DictionaryFile open(Path file, boolean writable, long magic, int layout, String what, ByteBuffer[] contents)
            throws IOException {
        DictionaryFile opened = new DictionaryFile(file, writable);
        if (!writable && !Files.exists(file)) {
            contents[0] = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
            return opened;
        }
        if (writable) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        opened.channel = writable ? FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = opened.channel.size();
            if (size == 0 && writable) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.putLong(magic).putInt(layout).putInt(0).flip();
                opened.write(header, 0); // forced with the first entries
            }
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size)).order(ByteOrder.LITTLE_ENDIAN);
            while (all.hasRemaining() && opened.channel.read(all, all.position()) > 0) {
                // read on until full
            }
            all.flip();
            if (size > 0 && (all.remaining() < HEADER_BYTES || all.getLong(0) != magic)) {
                throw new IOException(file + " is not a Ratel " + what);
            }
            if (size > 0 && all.getInt(8) != layout) {
                throw new IOException(file + " is a " + what + " of layout " + all.getInt(8) + "; this Ratel reads layout " + layout
                        + ": use the Ratel that wrote this home");
            }
            contents[0] = all;
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        if (!writable) {
            opened.close();
        }
        return opened;
    }

    boolean writable() {
        return writable;
    }

    /** Cuts the file at {@code end}, the end of its last whole entry, when bytes a kill cut short follow it. */
    void cutAt(long end, long size) throws IOException {
        if (end >= size || !writable) {
            return; // a read-only view leaves them to the writer's next open
        }
        LOG.warn("{}: {} bytes after the last whole entry (a write a kill cut short) are cut off", file, size - end);
        channel.truncate(end);
        channel.force(true);
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Writes the buffer's remaining bytes at {@code position}; returns how many. */
    int write(ByteBuffer buffer, long position) throws IOException {
        int written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer, position + written);
        }
        return written;
    }

    void force() throws IOException {
        channel.force(false);
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
