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

    /** A timestamp's delta-of-delta: its bucket's rank is the run of one bits it starts with. */
    private long readDod() {
        long w = peek();
        int rank = Long.numberOfLeadingZeros(~w);
        if (rank == 0) {
            pos++;
            return 0;
        }
        if (rank < ChunkWriter.RAW_DOD_RANK) {
            int width = ChunkWriter.DOD_BITS[rank - 1];
            pos += rank + 1 + width;
            return (w << (rank + 1)) >> (64 - width); // the payload, sign-extended
        }
        pos += ChunkWriter.RAW_DOD_RANK;
        return read(64);
    }

    /** A value: 0 same, 10 inside the previous window, 11 a new window. */
    private void readXor() {
        long w = peek();
        if (w >= 0) {
            pos++;
            return; // same value
        }
        if (w << 1 < 0) {
            leading = (int) (w << 2 >>> 59);
            trailing = 64 - leading - ((int) (w << 7 >>> 58) + 1);
            pos += 2 + ChunkWriter.WINDOW_HEADER_BITS;
        } else {
            pos += 2;
        }
        valueBits ^= read(64 - leading - trailing) << trailing;
    }

    /**
     * The next 64 bits from {@code pos} without consuming them; past the end of the words,
     * zeros. Bits after the published samples may be anything: callers consume only theirs.
     */
    private long peek() {
        int idx = pos >>> 6;
        int off = pos & 63;
        long w = words[idx] << off;
        if (off != 0 && idx + 1 < words.length) {
            w |= words[idx + 1] >>> (64 - off);
        }
        return w;
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
