package dev.hindsight.storage.head;

import java.util.Arrays;

/**
 * Encodes one series' samples into its open {@link Chunk}: the ingest thread's encoder state
 * (previous time, delta, value bits and XOR window), one per series.
 *
 * <p>Timestamps: the first is {@link Chunk#firstTime}; each next one is written as the
 * delta-of-delta {@code (t - prevT) - prevDelta} (the first delta against 0) in one of
 * {@link #DOD_BITS}'s buckets, prefixed by as many one bits as the bucket's rank and a zero:
 * {@code 0} for no change, {@code 10}+3 bits and {@code 110}+5 bits for a few ms of jitter,
 * {@code 1110}+8, {@code 11110}+14 (a missed tick at 1 s), {@code 111110}+24, and
 * {@code 111111}+64 for anything.
 * Values: the first is 64 raw bits; each next one is the XOR with the previous value's bits:
 * {@code 0} when equal, {@code 10} + the meaningful bits inside the previous window (when
 * they fit and that is not longer than a new window), or {@code 11} + 5 bits of leading zeros
 * + 6 bits of (length - 1) + the meaningful bits.
 *
 * <p>Threads: ingest thread only; see {@link Chunk} for how samples are published.
 */
final class ChunkWriter {
    /** Payload widths of the delta-of-delta buckets after the zero bucket, in prefix order. */
    static final int[] DOD_BITS = {3, 5, 8, 14, 24};
    /** Rank of the raw 64-bit delta-of-delta: that many one bits, no zero. */
    static final int RAW_DOD_RANK = DOD_BITS.length + 1;
    /** The most bits one sample can take: a 70-bit timestamp and a 77-bit value. */
    static final int MAX_SAMPLE_BITS = RAW_DOD_RANK + 64 + 2 + 5 + 6 + 64;
    /** Bits of a new XOR window's header after its "11" control bits. */
    static final int WINDOW_HEADER_BITS = 5 + 6;

    // ---- ingest thread only ----
    private Chunk chunk;
    private long[] words;
    private int bits;
    private long prevTime;
    private long prevDelta;
    private long prevBits;
    private int leading;
    private int trailing;

    /** Starts a new chunk whose first sample is (t, v); the caller publishes it. */
    Chunk open(long t, double v) {
        words = new long[(MAX_SAMPLE_BITS + 63) >>> 6];
        bits = 0;
        prevTime = t;
        prevDelta = 0;
        prevBits = Double.doubleToRawLongBits(v);
        leading = -1;
        trailing = 0;
        write(prevBits, 64);
        chunk = new Chunk(t, words);
        return chunk;
    }

    /**
     * Appends (t, v), t after the previous sample, to the open chunk and publishes it; false
     * (and nothing written) when there is no open chunk or it is full. Seals the chunk when
     * this sample fills it.
     */
    boolean append(long t, double v) {
        Chunk c = chunk;
        if (c == null || c.full()) {
            return false;
        }
        ensureRoom();
        long delta = t - prevTime;
        writeDod(delta - prevDelta);
        long vb = Double.doubleToRawLongBits(v);
        writeXor(vb ^ prevBits);
        prevTime = t;
        prevDelta = delta;
        prevBits = vb;
        c.lastTime = t;
        int n = c.count + 1;
        c.count = n; // publishes the sample
        if (n == Chunk.CAPACITY) {
            seal();
        }
        return true;
    }

    /** Replaces a full chunk's words by an exact-size copy and closes it for appends. */
    private void seal() {
        chunk.words = Arrays.copyOf(words, (bits + 63) >>> 6);
        chunk = null;
        words = null;
    }

    private void ensureRoom() {
        int need = (bits + MAX_SAMPLE_BITS + 63) >>> 6;
        if (need > words.length) {
            words = Arrays.copyOf(words, Math.max(need, words.length + (words.length >>> 1)));
            chunk.words = words;
        }
    }

    private void writeDod(long dod) {
        if (dod == 0) {
            write(0, 1);
            return;
        }
        for (int rank = 1; rank <= DOD_BITS.length; rank++) {
            int width = DOD_BITS[rank - 1];
            long half = 1L << (width - 1);
            if (dod >= -half && dod < half) {
                long prefix = ((1L << rank) - 1) << 1; // rank one bits, then a zero
                write((prefix << width) | (dod & ((1L << width) - 1)), rank + 1 + width);
                return;
            }
        }
        write((1L << RAW_DOD_RANK) - 1, RAW_DOD_RANK);
        write(dod, 64);
    }

    private void writeXor(long xor) {
        if (xor == 0) {
            write(0, 1);
            return;
        }
        int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
        int trail = Long.numberOfTrailingZeros(xor);
        int sig = 64 - lead - trail;
        int prevSig = 64 - leading - trailing;
        if (leading >= 0 && lead >= leading && trail >= trailing && prevSig <= WINDOW_HEADER_BITS + sig) {
            write(0b10, 2);
            write(xor >>> trailing, prevSig);
            return;
        }
        write((0b11L << WINDOW_HEADER_BITS) | ((long) lead << 6) | (sig - 1), 2 + WINDOW_HEADER_BITS);
        write(xor >>> trail, sig);
        leading = lead;
        trailing = trail;
    }

    /** Writes the low {@code n} (1..64) bits of {@code v}, most significant first. */
    private void write(long v, int n) {
        long x = n == 64 ? v : v & ((1L << n) - 1);
        int idx = bits >>> 6;
        int free = 64 - (bits & 63);
        if (n <= free) {
            words[idx] |= x << (free - n);
        } else {
            words[idx] |= x >>> (n - free);
            words[idx + 1] = x << (64 - (n - free));
        }
        bits += n;
    }
}
