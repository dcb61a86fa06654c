package dev.hindsight.storage.rawblock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The parts of a block's series streams that left memory while the cycle was read
 * ({@link RawBlockWriter}): each piece is some whole words of one series' stream, appended
 * through a buffer to a scratch file that is unlinked as soon as it is made (so it never
 * outlives the process), and remembered in the order made. Once the cycle is read, a
 * series' pieces are read back in that order, followed by what its encoder still holds.
 *
 * <p>Single-threaded (the compactor). Close it when the block is written or given up.
 */
final class StreamPieces implements AutoCloseable {
    private static final int BUFFER_BYTES = 256 << 10;

    private final Path dir;
    private FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES); // big-endian, as blocks store words
    /** Bytes of the file written; pieces in {@link #buffer} come after them. */
    private long written;
    /** Piece i: its series, its byte offset in the file, its words. */
    private int[] series = new int[256];
    private long[] at = new long[256];
    private int[] words = new int[256];
    private int count;
    /** After {@link #finish}: piece numbers grouped by series, and where each series' run starts. */
    private int[] order;
    private int[] first;

    /** Pieces whose file, when one is needed, goes in {@code dir}. */
    StreamPieces(Path dir) {
        this.dir = dir;
    }

    /** Moves the whole words {@code enc} holds into a new piece of series {@code id}. */
    void take(int id, SeriesEncoder enc) throws IOException {
        if (buffer.remaining() < enc.fullWords() * Long.BYTES) {
            flush();
        }
        if (count == series.length) {
            series = Arrays.copyOf(series, count * 2);
            at = Arrays.copyOf(at, count * 2);
            words = Arrays.copyOf(words, count * 2);
        }
        series[count] = id;
        at[count] = written + buffer.position();
        words[count] = enc.drainFullWords(buffer);
        count++;
    }

    /** Writes what is buffered and groups the pieces by series ({@code ids} bounds the series ids). */
    void finish(int ids) throws IOException {
        flush();
        first = new int[ids + 1];
        for (int p = 0; p < count; p++) {
            first[series[p] + 1]++;
        }
        for (int id = 0; id < ids; id++) {
            first[id + 1] += first[id];
        }
        int[] next = Arrays.copyOf(first, first.length);
        order = new int[count];
        for (int p = 0; p < count; p++) {
            order[next[series[p]]++] = p;
        }
    }

    /** Reads series {@code id}'s pieces, in the order made, into {@code out} at its position (after {@link #finish}). */
    void readInto(int id, ByteBuffer out) throws IOException {
        for (int k = first[id]; k < first[id + 1]; k++) {
            int p = order[k];
            out.limit(out.position() + words[p] * Long.BYTES);
            long pos = at[p];
            while (out.hasRemaining()) {
                int n = file.read(out, pos);
                if (n < 0) {
                    throw new IOException("scratch file of block pieces ends early at " + pos);
                }
                pos += n;
            }
        }
    }

    private void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        if (file == null) {
            Files.createDirectories(dir);
            Path f = Files.createTempFile(dir, "block-", ".pieces");
            file = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(f);
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            written += file.write(buffer, written);
        }
        buffer.clear();
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // unlinked already: closing only frees its blocks
            }
            file = null;
        }
    }
}
