package dev.hindsight.storage.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Checksums of a file's regions read through its channel. The store maps its index and block
 * files for reading, and a checksum computed through the mapping would bring every page it
 * covers into the process's resident set for as long as the file stays open; read through the
 * channel, the pages stay in the page cache, and the mapping takes in only those a query reads.
 */
public final class ChannelCrc {
    private static final int CHUNK = 1 << 16;

    private ChannelCrc() {
    }

    /** Adds bytes {@code [from, from + length)} of {@code ch} to {@code crc}. */
    public static void update(CRC32C crc, FileChannel ch, long from, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(1, Math.min(length, CHUNK)));
        long at = from;
        long end = from + length;
        while (at < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("file ends at " + at + ", before " + end);
            }
            at += n;
            crc.update(buf.flip());
        }
    }

    /** CRC-32C of bytes {@code [from, from + length)} of {@code ch}. */
    public static int of(FileChannel ch, long from, long length) throws IOException {
        CRC32C crc = new CRC32C();
        update(crc, ch, from, length);
        return (int) crc.getValue();
    }
}
