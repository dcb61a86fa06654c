package dev.hindsight.storage.rawblock;

import dev.hindsight.storage.series.SampleSink;

/**
 * Decodes a stream {@link SeriesEncoder} wrote, forward; reusable across series.
 *
 * <p>Single-threaded: one per reading thread ({@link RawBlockFile#read}).
 */
public final class SeriesDecoder {
    private long[] scratch = new long[64];
    private long[] words;
    private long pos;

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
     */
    void decode(long[] words, int count, int seriesId, SampleSink sink) {
        this.words = words;
        this.pos = 0;
        if (count == 0) {
            return;
        }
        long t = get(64);
        long vb = get(64);
        long delta = 0;
        int leading = 0;
        int trailing = 0;
        sink.accept(seriesId, t, Double.longBitsToDouble(vb));
        for (int i = 1; i < count; i++) {
            delta += unzigzag(readDod());
            t += delta;
            if (get(1) != 0) {
                if (get(1) == 0) {
                    vb ^= get(64 - leading - trailing) << trailing;
                } else if (get(1) == 0) {
                    leading = (int) get(6);
                    int length = (int) get(6) + 1;
                    trailing = 64 - leading - length;
                    vb ^= get(length) << trailing;
                } else {
                    int k = (int) get(2);
                    int width = (int) get(6) + 1;
                    long diff = unzigzag(get(width));
                    long n = ScaledInts.integerOf(Double.longBitsToDouble(vb), k) + diff;
                    vb = Double.doubleToRawLongBits(ScaledInts.fromInteger(n, k));
                }
            }
            sink.accept(seriesId, t, Double.longBitsToDouble(vb));
        }
    }

    private long readDod() {
        int rank = 0;
        while (rank < SeriesEncoder.DOD_BITS.length && get(1) == 1) {
            rank++;
        }
        if (rank == 0) {
            return 0;
        }
        return get(SeriesEncoder.DOD_BITS[rank - 1]);
    }

    /** The next {@code n} (1..64) bits as an unsigned number. */
    private long get(int n) {
        int idx = (int) (pos >>> 6);
        int off = (int) (pos & 63);
        long w = words[idx] << off;
        if (off != 0 && idx + 1 < words.length) {
            w |= words[idx + 1] >>> (64 - off);
        }
        pos += n;
        return w >>> (64 - n);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }
}
