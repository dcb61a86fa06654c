package dev.hindsight.storage.rollup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * The encoded rows of a version-2 block file ({@link BlockRowCodec}), memory-mapped in windows
 * of 1 GiB so that files past 2 GiB still map; a series' bytes may straddle two windows. The
 * mappings outlive the channel that made them.
 */
final class EncodedRows {
    private static final int WINDOW_BITS = 30;
    private static final long WINDOW_MASK = (1L << WINDOW_BITS) - 1;

    private final ByteBuffer[] windows;

    private EncodedRows(ByteBuffer[] windows) {
        this.windows = windows;
    }

    static EncodedRows map(FileChannel ch, long offset, long length) throws IOException {
        int n = (int) ((length + WINDOW_MASK) >>> WINDOW_BITS);
        ByteBuffer[] windows = new ByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long first = (long) k << WINDOW_BITS;
            windows[k] = ch.map(FileChannel.MapMode.READ_ONLY, offset + first, Math.min(1L << WINDOW_BITS, length - first));
        }
        return new EncodedRows(windows);
    }

    /** Copies {@code length} bytes from {@code pos} into {@code dst} (decoding from an array is several times faster). */
    void copy(long pos, byte[] dst, int length) {
        long at = pos;
        int done = 0;
        while (done < length) {
            int inWindow = (int) Math.min(length - done, (1L << WINDOW_BITS) - (at & WINDOW_MASK));
            windows[(int) (at >>> WINDOW_BITS)].get((int) (at & WINDOW_MASK), dst, done, inWindow);
            at += inWindow;
            done += inWindow;
        }
    }

    /** CRC-32C of the first {@code length} bytes of {@code bytes}. */
    static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
