package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.codec.ScaledIntegers;
import dev.hindsight.storage.series.SampleSink;

/**
 * Decodes a stream {@link SeriesEncoder} wrote, forward; reusable across series.
 *
 * <p>Single-threaded: one per reading thread ({@link RawBlockFile#read}).
 */
public final class SeriesDecoder {
    private long[] scratch = new long[64];
    /** A timestamp prefix of this many one bits has no terminating zero: 64 raw bits follow. */
    private static final int LAST_RANK = SeriesEncoder.DOD_BITS.length;

    private long[] words;

    /** A reusable array of at least {@code n} words for a stream to decode. */
    long[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new long[Math.max(n, scratch.length * 2)];
        }
        return scratch;
    }

    /**
     * Emits the {@code count} samples of the stream in {@code words} to the sink as
     * {@code (seriesId, t, v)}. The stream must be whole (its checksum checked by the caller).
     * Each sample's control bits are read from one 64-bit window at its position: the run of
     * one bits that ranks a timestamp bucket is counted at once, and a payload that fits the
     * window is shifted out of it instead of being read again.
     */
    void decode(long[] words, int count, int seriesId, SampleSink sink) {
        this.words = words;
        if (count == 0) {
            return;
        }
        long t = bits(0, 64);
        long vb = bits(64, 64);
        long pos = 128;
        long delta = 0;
        int leading = 0;
        int trailing = 0;
        // the integer of the current value under scale scaledK when it came from a scaled
        // difference (-1: not known), so the next difference needs no conversion back
        long scaledN = 0;
        int scaledK = -1;
        sink.accept(seriesId, t, Double.longBitsToDouble(vb));
        for (int i = 1; i < count; i++) {
            long w = peek(pos);
            if (w >= 0) {
                pos++; // delta-of-delta 0
            } else {
                int ones = Long.numberOfLeadingZeros(~w);
                if (ones >= LAST_RANK) {
                    delta += unzigzag(bits(pos + LAST_RANK, 64));
                    pos += LAST_RANK + 64;
                } else {
                    int width = SeriesEncoder.DOD_BITS[ones - 1];
                    delta += unzigzag((w << (ones + 1)) >>> (64 - width));
                    pos += ones + 1 + width;
                }
            }
            t += delta;
            w = peek(pos);
            if (w < 0) {
                if (w << 1 >= 0) { // 10: inside the current window
                    int sig = 64 - leading - trailing;
                    vb ^= (sig <= 62 ? (w << 2) >>> (64 - sig) : bits(pos + 2, sig)) << trailing;
                    pos += 2 + sig;
                    scaledK = -1;
                } else if (w << 2 >= 0) { // 110: a new window
                    leading = (int) (w << 3 >>> 58);
                    int length = (int) (w << 9 >>> 58) + 1;
                    trailing = 64 - leading - length;
                    vb ^= (length <= 49 ? (w << 15) >>> (64 - length) : bits(pos + 15, length)) << trailing;
                    pos += 15 + length;
                    scaledK = -1;
                } else { // 111: a scaled integer's difference
                    int k = (int) (w << 3 >>> 62);
                    int width = (int) (w << 5 >>> 58) + 1;
                    long diff = unzigzag(width <= 53 ? (w << 11) >>> (64 - width) : bits(pos + 11, width));
                    long base = k == scaledK ? scaledN : ScaledIntegers.integerOf(Double.longBitsToDouble(vb), k);
                    long n = base + diff;
                    vb = Double.doubleToRawLongBits(ScaledIntegers.fromInteger(n, k));
                    scaledN = n;
                    scaledK = k;
                    pos += 11 + width;
                }
            } else {
                pos++; // the same value
            }
            sink.accept(seriesId, t, Double.longBitsToDouble(vb));
        }
    }

    /** The 64 bits from {@code pos}, first at the top; zeros past the end of the stream. */
    private long peek(long pos) {
        int idx = (int) (pos >>> 6);
        int off = (int) (pos & 63);
        long w = words[idx] << off;
        if (off != 0 && idx + 1 < words.length) {
            w |= words[idx + 1] >>> (64 - off);
        }
        return w;
    }

    /** The {@code n} (1..64) bits from {@code pos} as an unsigned number. */
    private long bits(long pos, int n) {
        return peek(pos) >>> (64 - n);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }
}
