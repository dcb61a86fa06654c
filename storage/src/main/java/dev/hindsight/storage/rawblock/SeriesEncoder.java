package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.codec.ScaledIntegers;
import java.util.Arrays;

/**
 * Encodes one series' samples, in the order given, into one bit stream (most significant bit
 * of each word first; {@code long} words written big-endian to the file).
 *
 * <p>Timestamps: the first is 64 raw bits; each next one is the zigzag of the delta-of-delta
 * {@code (t - prevT) - prevDelta} (the first delta against 0): {@code 0} for none,
 * {@code 10}+7 bits, {@code 110}+12 bits, {@code 1110}+20 bits, {@code 1111}+64 bits.
 *
 * <p>Values, after each timestamp: the first is 64 raw bits; each next one, whichever is
 * shortest: {@code 0} when its bits equal the previous value's; {@code 10} + the meaningful
 * bits of the XOR with the previous value inside the current window; {@code 110} + 6 bits of
 * leading zeros + 6 bits of (length - 1) + the meaningful bits (a new window); or, when both
 * values are an integer times one of {@link ScaledIntegers#FACTORS}, {@code 111} + 2 bits of
 * factor id + 6 bits of (width - 1) + the zigzag of the integers' difference in that width.
 * {@link SeriesDecoder} is the inverse; any timestamp order (even backwards) round-trips.
 *
 * <p>Single-threaded; one per series while a block is written.
 */
final class SeriesEncoder {
    /** Payload widths of the delta-of-delta buckets after the zero bucket, in prefix order. */
    static final int[] DOD_BITS = {7, 12, 20, 64};

    /** The stream's words after the {@link #drainedWords} moved out by {@link #drainFullWords}. */
    private long[] words = new long[4];
    /** Bits written into {@link #words}. */
    private long bits;
    private int drainedWords;
    private int count;
    private long prevTime;
    private long prevDelta;
    private long prevValue;
    private int leading = -1;
    private int trailing;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private final long[] prevScaled = new long[ScaledIntegers.FACTORS.length];

    void add(long t, double v) {
        long vb = Double.doubleToRawLongBits(v);
        if (count == 0) {
            put(t, 64);
            put(vb, 64);
            prevDelta = 0;
        } else {
            long delta = t - prevTime;
            putTime(zigzag(delta - prevDelta));
            prevDelta = delta;
            putValue(v, vb);
        }
        prevTime = t;
        prevValue = vb;
        for (int k = 0; k < prevScaled.length; k++) {
            prevScaled[k] = ScaledIntegers.toInteger(v, k);
        }
        minTime = Math.min(minTime, t);
        maxTime = Math.max(maxTime, t);
        count++;
    }

    private void putTime(long z) {
        if (z == 0) {
            put(0, 1);
            return;
        }
        for (int rank = 0; rank < DOD_BITS.length; rank++) {
            int w = DOD_BITS[rank];
            if (w == 64 || (z >>> w) == 0) {
                boolean last = rank == DOD_BITS.length - 1;
                // rank+1 one bits, then a zero unless this is the last bucket
                put(last ? (1L << (rank + 1)) - 1 : ((1L << (rank + 1)) - 1) << 1, last ? rank + 1 : rank + 2);
                put(z, w);
                return;
            }
        }
    }

    private void putValue(double v, long vb) {
        long xor = vb ^ prevValue;
        if (xor == 0) {
            put(0, 1);
            return;
        }
        int lz = Long.numberOfLeadingZeros(xor);
        int tz = Long.numberOfTrailingZeros(xor);
        int inWindow = leading >= 0 && lz >= leading && tz >= trailing ? 2 + 64 - leading - trailing : Integer.MAX_VALUE;
        int newWindow = 3 + 12 + 64 - lz - tz;
        int bestK = -1;
        int bestWidth = 65;
        for (int k = 0; k < prevScaled.length; k++) {
            if (prevScaled[k] == ScaledIntegers.NONE) {
                continue;
            }
            long n = ScaledIntegers.toInteger(v, k);
            if (n == ScaledIntegers.NONE) {
                continue;
            }
            int w = Math.max(1, 64 - Long.numberOfLeadingZeros(zigzag(n - prevScaled[k])));
            if (w < bestWidth) {
                bestWidth = w;
                bestK = k;
            }
        }
        int scaled = bestK < 0 ? Integer.MAX_VALUE : 3 + 2 + 6 + bestWidth;
        if (scaled < inWindow && scaled < newWindow) {
            put(0b111, 3);
            put(bestK, 2);
            put(bestWidth - 1, 6);
            put(zigzag(ScaledIntegers.toInteger(v, bestK) - prevScaled[bestK]), bestWidth);
        } else if (inWindow <= newWindow) {
            put(0b10, 2);
            put(xor >>> trailing, 64 - leading - trailing);
        } else {
            leading = lz;
            trailing = tz;
            put(0b110, 3);
            put(lz, 6);
            put(64 - lz - tz - 1, 6);
            put(xor >>> tz, 64 - lz - tz);
        }
    }

    /** Writes the low {@code n} (1..64) bits of {@code v}. */
    private void put(long v, int n) {
        int idx = (int) (bits >>> 6);
        if (idx + 1 >= words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        long x = n == 64 ? v : v & ((1L << n) - 1);
        int free = 64 - (int) (bits & 63);
        if (n <= free) {
            words[idx] |= x << (free - n);
        } else {
            words[idx] |= x >>> (n - free);
            words[idx + 1] = x << (64 - (n - free));
        }
        bits += n;
    }

    static long zigzag(long x) {
        return (x << 1) ^ (x >> 63);
    }

    int count() {
        return count;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    /**
     * Words holding the stream after those drained, the last perhaps partly written (bits past
     * {@link #heldWordCount()} words are zero).
     */
    long[] words() {
        return words;
    }

    /** Words of {@link #words()} in use: the stream's tail after the drained words. */
    int heldWordCount() {
        return (int) ((bits + 63) >>> 6);
    }

    /** Whole words held: what {@link #drainFullWords} would move out. */
    int fullWords() {
        return (int) (bits >>> 6);
    }

    /**
     * Moves the whole words held to {@code out} (big-endian, as the block stores them), keeping
     * the partly written last word to go on from; returns how many words moved.
     */
    int drainFullWords(java.nio.ByteBuffer out) {
        int n = fullWords();
        for (int i = 0; i < n; i++) {
            out.putLong(words[i]);
        }
        int held = heldWordCount();
        System.arraycopy(words, n, words, 0, held - n);
        Arrays.fill(words, held - n, held, 0L);
        bits -= (long) n << 6;
        drainedWords += n;
        return n;
    }

    /** Words the whole stream takes, drained ones included. */
    int wordCount() {
        return drainedWords + heldWordCount();
    }
}
