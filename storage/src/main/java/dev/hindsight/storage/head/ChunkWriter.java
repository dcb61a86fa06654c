package dev.hindsight.storage.head;

import dev.hindsight.storage.codec.ScaledIntegers;
import java.util.Arrays;

/**
 * Encodes one series' samples into its open {@link Chunk}: the ingest thread's encoder state
 * (previous time, delta, value bits and XOR window), one per series.
 *
 * <p>Timestamps: the first is {@link Chunk#firstTime}; each next one is written to the
 * timestamp stream as the delta-of-delta {@code (t - prevT) - prevDelta} (the first delta
 * against 0) in one of {@link #DOD_BITS}'s buckets, prefixed by as many one bits as the
 * bucket's rank and a zero: {@code 0} for no change, {@code 10}+3 bits and {@code 110}+5
 * bits for a few ms of jitter, {@code 1110}+8, {@code 11110}+14 (a missed tick at 1 s),
 * {@code 111110}+24, and {@code 111111}+64 for anything.
 * Values: the first is 64 raw bits of the value stream; each next one, whichever is shorter,
 * is the XOR with the previous value's bits: {@code 0} when equal, {@code 10} + the
 * meaningful bits inside the previous window (when they fit), or {@code 110} + 5 bits of
 * leading zeros + 6 bits of (length - 1) + the meaningful bits; or, when both values are
 * integers times one of {@link ScaledIntegers}'s factors, {@code 111} + 2 bits of scale id + 6 bits
 * of (length - 1) + the zigzag-encoded difference of the integers.
 *
 * <p>Threads: ingest thread only; see {@link Chunk} for how samples are published.
 *
 * <p>{@link HeadSeries} extends this class, so that a series' chunk list and its encoder
 * state are one object: an append then starts with one cache miss, not two dependent ones.
 */
class ChunkWriter {
    /** Payload widths of the delta-of-delta buckets after the zero bucket, in prefix order. */
    static final int[] DOD_BITS = {3, 5, 8, 14, 24};
    /** Rank of the raw 64-bit delta-of-delta: that many one bits, no zero. */
    static final int RAW_DOD_RANK = DOD_BITS.length + 1;
    /** Bits of a new XOR window's header after its "110" control bits. */
    static final int WINDOW_HEADER_BITS = 5 + 6;
    /** Bits of a scaled-integer difference's header after its "111" control bits. */
    static final int SCALED_HEADER_BITS = 2 + 6;
    /** The most bits one timestamp can take. */
    static final int MAX_TIME_BITS = RAW_DOD_RANK + 64;
    /** The most bits one value can take. */
    static final int MAX_VALUE_BITS = 3 + WINDOW_HEADER_BITS + 64;

    /** Value streams up to this many words (a value that rarely changes) are shared when equal. */
    static final int SHARED_VALUE_WORDS = 8;
    /**
     * Timestamp streams up to this many words (17 bits a sample: regular collection) are
     * shared when equal; longer, irregular ones would only fill the interner's table.
     */
    static final int SHARED_TIME_WORDS = 64;

    private final StreamInterner interner;
    /** Takes sealed value streams too long to share out of the heap; null keeps them on it. */
    private final ChunkSpill spill;

    // ---- ingest thread only ----
    private Chunk chunk;
    /** The last chunk sealed, which keeps its marks until the next one is sealed. */
    private Chunk sealed;
    private long[] times;
    private int timeBits;
    private long[] values;
    private int valueBits;
    private long prevTime;
    private long prevDelta;
    private long prevValue;
    private int leading;
    private int trailing;
    /**
     * Whether the last window set was a scaled one ({@code 111}): then {@code 10} means a
     * zigzag difference at scale {@link #windowScale} in {@link #windowLength} bits, not an
     * XOR inside the XOR window.
     */
    private boolean scaledWindow;
    private int windowScale;
    private int windowLength;
    /**
     * Words the last sealed chunk's streams took: the next chunk's streams start that big
     * (plus a little), so that a chunk's streams are rarely copied to grow before sealing.
     */
    private int lastTimeWords;
    private int lastValueWords;
    /** Samples in the open chunk (the writer's copy of its published count). */
    private int count;
    /** The previous value as an integer per {@link ScaledIntegers} factor, or {@link ScaledIntegers#NONE}. */
    private final long[] prevScaled = new long[ScaledIntegers.FACTORS.length];

    /**
     * A writer whose sealed streams are shared through {@code interner} when identical, and
     * whose longer sealed value streams go to {@code spill} (null: they stay on the heap).
     */
    ChunkWriter(StreamInterner interner, ChunkSpill spill) {
        this.interner = interner;
        this.spill = spill;
    }

    /**
     * Reads the stream words the next append writes (nothing when no chunk is open): what
     * {@link Head#appendAll} touches ahead of a record's appends, so that their cache misses
     * overlap. Returns a sum of them only so that the loads are kept.
     */
    final long touchStreams() {
        long[] ts = times;
        long[] vs = values;
        return ts == null || vs == null ? 0 : ts[timeBits >>> 6] + vs[valueBits >>> 6];
    }

    /** Starts a new chunk whose first sample is (t, v); the caller publishes it. */
    final Chunk open(long t, double v) {
        times = new long[Math.max(words(MAX_TIME_BITS), lastTimeWords)];
        timeBits = 0;
        values = new long[Math.max(words(64 + MAX_VALUE_BITS), lastValueWords)];
        valueBits = 0;
        prevTime = t;
        prevDelta = 0;
        prevValue = Double.doubleToRawLongBits(v);
        leading = -1;
        trailing = 0;
        scaledWindow = false;
        for (int k = 0; k < prevScaled.length; k++) {
            prevScaled[k] = ScaledIntegers.toInteger(v, k);
        }
        writeValue(prevValue, 64);
        chunk = new Chunk(t, times, values);
        count = 1;
        return chunk;
    }

    /**
     * Appends (t, v), t after the previous sample, to the open chunk and publishes it; false
     * (and nothing written) when there is no open chunk or it is full. Seals the chunk when
     * this sample fills it.
     */
    final boolean appendToChunk(long t, double v) {
        Chunk c = chunk;
        if (c == null || count == Chunk.CAPACITY) {
            return false;
        }
        ensureRoom(c);
        long delta = t - prevTime;
        writeDod(delta - prevDelta);
        long vb = Double.doubleToRawLongBits(v);
        writeNextValue(vb, v);
        prevTime = t;
        prevDelta = delta;
        prevValue = vb;
        c.lastTime = t;
        int index = count;
        if (index % Chunk.MARK_EVERY == 0) {
            mark(c, index / Chunk.MARK_EVERY - 1);
        }
        int n = index + 1;
        count = n;
        c.publish(n); // publishes the sample
        if (n == Chunk.CAPACITY) {
            seal(c);
        }
        return true;
    }

    /**
     * Keeps the state after the sample just written as mark j: time, delta, value bits, then
     * the time stream position (bits 40-63), the value stream position (16-39), the XOR
     * window's leading (8-15) and trailing (0-7) zeros, as {@link ChunkReader} holds them.
     */
    private void mark(Chunk c, int j) {
        long[] marks = c.marks; // the open chunk's: never null
        int at = j * Chunk.MARK_LONGS;
        marks[at] = prevTime;
        marks[at + 1] = prevDelta;
        marks[at + 2] = prevValue;
        int window = scaledWindow
            ? (Chunk.SCALED_WINDOW_FLAG | windowScale) << 8 | windowLength
            : Math.max(leading, 0) << 8 | trailing;
        marks[at + 3] = (long) timeBits << 40 | (long) valueBits << 16 | window;
    }

    /**
     * Replaces a full chunk's streams by exact-size copies, shared with identical ones
     * (timestamp streams of regular collection, value streams short enough to be a
     * constant's), or hands a longer value stream to the spill; closes it.
     */
    private void seal(Chunk c) {
        if (sealed != null) {
            sealed.marks = null; // now the third newest: reads there start from its beginning
        }
        sealed = c;
        int tw = words(timeBits);
        int vw = words(valueBits);
        lastTimeWords = tw + (tw >>> 3) + 2;
        lastValueWords = vw + (vw >>> 3) + 2;
        c.times = share(times, tw, SHARED_TIME_WORDS);
        if (vw <= SHARED_VALUE_WORDS || spill == null || !spill.add(c, values, vw)) {
            c.values = share(values, vw, SHARED_VALUE_WORDS);
        } // else the working array serves readers until the spill writes the stream
        chunk = null;
        times = null;
        values = null;
    }

    /** {@code stream[0, n)}: interned when at most {@code limit} words, else a copy. */
    private long[] share(long[] stream, int n, int limit) {
        return n <= limit ? interner.intern(stream, n) : Arrays.copyOf(stream, n);
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    private void ensureRoom(Chunk c) {
        int need = words(timeBits + MAX_TIME_BITS);
        if (need > times.length) {
            times = Arrays.copyOf(times, Math.max(need, times.length + (times.length >>> 1)));
            c.times = times;
        }
        need = words(valueBits + MAX_VALUE_BITS);
        if (need > values.length) {
            values = Arrays.copyOf(values, Math.max(need, values.length + (values.length >>> 1)));
            c.values = values;
        }
    }

    private void writeDod(long dod) {
        if (dod == 0) {
            writeTime(0, 1);
            return;
        }
        for (int rank = 1; rank < RAW_DOD_RANK; rank++) {
            int width = DOD_BITS[rank - 1];
            long half = 1L << (width - 1);
            if (dod >= -half && dod < half) {
                long prefix = ((1L << rank) - 1) << 1; // rank one bits, then a zero
                writeTime((prefix << width) | (dod & ((1L << width) - 1)), rank + 1 + width);
                return;
            }
        }
        writeTime((1L << RAW_DOD_RANK) - 1, RAW_DOD_RANK);
        writeTime(dod, 64);
    }

    /** Writes {@code v} (raw bits {@code vb}) the shortest way: same, XOR or scaled difference. */
    private void writeNextValue(long vb, double v) {
        long xor = vb ^ prevValue;
        if (xor == 0) {
            writeValue(0, 1);
            return;
        }
        int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
        int trail = Long.numberOfTrailingZeros(xor);
        int sig = 64 - lead - trail;
        int prevSig = 64 - leading - trailing;
        boolean reuse = !scaledWindow && leading >= 0 && lead >= leading && trail >= trailing
            && prevSig <= 1 + WINDOW_HEADER_BITS + sig;
        int xorBits = reuse ? 2 + prevSig : 3 + WINDOW_HEADER_BITS + sig;

        int bestScale = -1;
        long bestZigzag = 0;
        int bestLength = 65;
        boolean reuseScaled = false;
        long windowZigzag = 0;
        for (int k = 0; k < prevScaled.length; k++) {
            long n = ScaledIntegers.toInteger(v, k);
            long p = prevScaled[k];
            prevScaled[k] = n;
            if (n != ScaledIntegers.NONE && p != ScaledIntegers.NONE) {
                long d = n - p;
                long zigzag = (d << 1) ^ (d >> 63);
                int length = Math.max(1, 64 - Long.numberOfLeadingZeros(zigzag));
                if (length < bestLength) {
                    bestScale = k;
                    bestZigzag = zigzag;
                    bestLength = length;
                }
                if (scaledWindow && k == windowScale && length <= windowLength) {
                    reuseScaled = true;
                    windowZigzag = zigzag;
                }
            }
        }

        int scaledBits = 3 + SCALED_HEADER_BITS + bestLength;
        if (reuseScaled && 2 + windowLength <= Math.min(xorBits, scaledBits)) {
            writeValue(0b10, 2);
            writeValue(windowZigzag, windowLength);
        } else if (bestScale >= 0 && scaledBits < xorBits) {
            // a new scaled window: the next differences of a counter that fit it take the
            // two-bit prefix (a window a bit wider than needed measured worse on CPU counters)
            writeValue((0b111L << SCALED_HEADER_BITS) | ((long) bestScale << 6) | (bestLength - 1), 3 + SCALED_HEADER_BITS);
            writeValue(bestZigzag, bestLength);
            scaledWindow = true;
            windowScale = bestScale;
            windowLength = bestLength;
        } else if (reuse) {
            writeValue(0b10, 2);
            writeValue(xor >>> trailing, prevSig);
        } else {
            writeValue((0b110L << WINDOW_HEADER_BITS) | ((long) lead << 6) | (sig - 1), 3 + WINDOW_HEADER_BITS);
            writeValue(xor >>> trail, sig);
            leading = lead;
            trailing = trail;
            scaledWindow = false;
        }
    }

    private void writeTime(long v, int n) {
        Bits.put(times, timeBits, v, n);
        timeBits += n;
    }

    private void writeValue(long v, int n) {
        Bits.put(values, valueBits, v, n);
        valueBits += n;
    }
}
