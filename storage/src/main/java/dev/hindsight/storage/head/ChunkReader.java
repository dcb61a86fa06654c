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

    /**
     * Decodes the next sample; false when the snapshot has no more. One 64-bit peek usually
     * holds a whole sample (timestamp and value); longer ones read on.
     */
    boolean next() {
        if (index + 1 >= count) {
            return false;
        }
        index++;
        if (index == 0) {
            valueBits = read(64);
            return true;
        }
        long w = peek();
        int used = readDod(w);
        if (used == 0 || used > 64 - 2 - ChunkWriter.WINDOW_HEADER_BITS) {
            pos += used;
            w = peek();
            used = 0;
        }
        readXor(w, used);
        return true;
    }

    long time() {
        return time;
    }

    double value() {
        return Double.longBitsToDouble(valueBits);
    }

    /**
     * Applies the timestamp starting at the top of {@code w} (a timestamp's delta-of-delta:
     * its bucket's rank is the run of one bits it starts with); returns the bits of {@code w}
     * it used, or 0 after consuming a raw 64-bit one past {@code w}.
     */
    private int readDod(long w) {
        int rank = Long.numberOfLeadingZeros(~w);
        long dod;
        int used;
        if (rank == 0) {
            dod = 0;
            used = 1;
        } else if (rank < ChunkWriter.RAW_DOD_RANK) {
            int width = ChunkWriter.DOD_BITS[rank - 1];
            dod = (w << (rank + 1)) >> (64 - width); // the payload, sign-extended
            used = rank + 1 + width;
        } else {
            pos += ChunkWriter.RAW_DOD_RANK;
            dod = read(64);
            used = 0;
        }
        delta += dod;
        time += delta;
        return used;
    }

    /**
     * Applies the value starting {@code used} bits into {@code w} (at least 13 bits of it
     * left): 0 same, 10 inside the previous window, 11 a new window; consumes them all.
     */
    private void readXor(long w, int used) {
        long v = w << used;
        if (v >= 0) {
            pos += used + 1;
            return; // same value
        }
        int at = used + 2;
        if (v << 1 < 0) {
            leading = (int) (v << 2 >>> 59);
            trailing = 64 - leading - ((int) (v << 7 >>> 58) + 1);
            at += ChunkWriter.WINDOW_HEADER_BITS;
        }
        int sig = 64 - leading - trailing;
        long xor;
        if (at + sig <= 64) {
            xor = (w << at) >>> (64 - sig);
            pos += at + sig;
        } else {
            pos += at;
            xor = read(sig);
        }
        valueBits ^= xor << trailing;
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
