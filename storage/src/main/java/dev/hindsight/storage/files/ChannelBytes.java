package dev.hindsight.storage.files;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A file's region read through its channel into the heap: how the store reads the headers and
 * small tables of files it also maps. A file the store has just written is in the page cache
 * as large folios, and touching one byte of its mapping maps a whole folio into the process's
 * resident set, where it stays for as long as the file is open.
 */
public final class ChannelBytes {
    private ChannelBytes() {
    }

    /** Bytes {@code [from, from + length)} of {@code ch}, little-endian; EOFException when the file ends first. */
    public static ByteBuffer read(FileChannel ch, long from, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, from + b.position()) < 0) {
                throw new EOFException("file ends at " + (from + b.position()) + ", before " + (from + length));
            }
        }
        return b.clear();
    }
}
