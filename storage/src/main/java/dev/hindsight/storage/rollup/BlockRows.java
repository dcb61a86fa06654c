package dev.hindsight.storage.rollup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bucket rows of a block file, memory-mapped in windows of
 * {@link RollupBlockLayout#ROWS_PER_WINDOW} rows so that no row straddles two mappings and
 * files past 2 GiB still map. The mappings outlive the channel that made them.
 */
final class BlockRows {
    private final ByteBuffer[] windows;

    private BlockRows(ByteBuffer[] windows) {
        this.windows = windows;
    }

    static BlockRows map(FileChannel ch, FileChannel.MapMode mode, long rowsOffset, long rows) throws IOException {
        int w = RollupBlockLayout.ROWS_PER_WINDOW;
        int n = (int) ((rows + w - 1) / w);
        ByteBuffer[] windows = new ByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long first = (long) k * w;
            long count = Math.min(w, rows - first);
            MappedByteBuffer m = ch.map(mode, rowsOffset + first * RollupBlockLayout.ROW_LENGTH,
                count * RollupBlockLayout.ROW_LENGTH);
            windows[k] = m.order(ByteOrder.LITTLE_ENDIAN);
        }
        return new BlockRows(windows);
    }

    /** The window holding {@code row}. */
    ByteBuffer window(long row) {
        return windows[(int) (row / RollupBlockLayout.ROWS_PER_WINDOW)];
    }

    /** Byte offset of {@code row} within its window. */
    static int offset(long row) {
        return (int) (row % RollupBlockLayout.ROWS_PER_WINDOW) * RollupBlockLayout.ROW_LENGTH;
    }

    /**
     * Unmaps the rows now rather than when the collector finds them: compaction's scratch file
     * is deleted right after, and its disk space comes back only once it is unmapped. The
     * rows must not be touched afterwards.
     */
    void unmap() {
        for (ByteBuffer b : windows) {
            UNSAFE.invokeCleaner(b);
        }
    }

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    private static sun.misc.Unsafe unsafe() {
        try {
            java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Flushes written rows to the device. */
    void force() {
        for (ByteBuffer b : windows) {
            ((MappedByteBuffer) b).force();
        }
    }
}
