package dev.hindsight.storage.head;

/**
 * Decodes one {@link Chunk}'s published samples forward, the inverse of {@link ChunkWriter};
 * reusable across chunks, so a cursor allocates nothing per chunk.
 *
 * <p>Threads: any; {@link #reset} reads the chunk's volatile count and then its words, and
 * the reader decodes no further than that count.
 */
final class ChunkReader {
    // ---- one reader thread ----
    private long[] words;
    private int count;
    private int index;
    private int pos;
    private long time;
    private long delta;
    private long valueBits;
    private int leading;
    private int trailing;

    /** Positions before the first sample of {@code c}, taking a snapshot of its published samples. */
    void reset(Chunk c) {
        count = c.count; // volatile read first: everything up to count is in the words read next
        words = c.words;
        index = -1;
        pos = 0;
        time = c.firstTime;
        delta = 0;
        leading = 0;
        trailing = 0;
    }

    /** Decodes the next sample; false when the snapshot has no more. */
    boolean next() {
        if (index + 1 >= count) {
            return false;
        }
        index++;
        if (index == 0) {
            valueBits = read(64);
            return true;
        }
        delta += readDod();
        time += delta;
        readXor();
        return true;
    }

    long time() {
        return time;
    }

    double value() {
        return Double.longBitsToDouble(valueBits);
    }

    /** Samples in this snapshot; {@link #next()} returns each once. */
    int count() {
        return count;
    }

    private long readDod() {
        int rank = 0;
        while (rank <= ChunkWriter.DOD_BITS.length && readBit() == 1) {
            rank++;
        }
        if (rank == 0) {
            return 0;
        }
        if (rank > ChunkWriter.DOD_BITS.length) {
            return read(64);
        }
        int width = ChunkWriter.DOD_BITS[rank - 1];
        return (read(width) << (64 - width)) >> (64 - width); // sign-extend
    }

    private void readXor() {
        if (readBit() == 0) {
            return; // same value
        }
        if (readBit() == 1) {
            long header = read(ChunkWriter.WINDOW_HEADER_BITS);
            leading = (int) (header >>> 6);
            trailing = 64 - leading - ((int) (header & 63) + 1);
        }
        valueBits ^= read(64 - leading - trailing) << trailing;
    }

    private int readBit() {
        int bit = (int) (words[pos >>> 6] >>> (63 - (pos & 63))) & 1;
        pos++;
        return bit;
    }

    /** Reads {@code n} (1..64) bits, most significant first. */
    private long read(int n) {
        int idx = pos >>> 6;
        int off = pos & 63;
        long w = words[idx] << off;
        long v = w >>> (64 - n);
        if (off + n > 64) {
            v |= words[idx + 1] >>> (128 - off - n);
        }
        pos += n;
        return v;
    }
}
