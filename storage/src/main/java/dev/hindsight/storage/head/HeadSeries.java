package dev.hindsight.storage.head;

import java.util.Arrays;

/**
 * One series' samples in the head: a list of chunks, oldest first.
 *
 * <p>Threads: only the ingest thread calls {@link #append} and {@link #trimBefore}; it
 * publishes a changed chunk list by replacing the volatile {@link #chunks} array (never
 * mutating a published array). Readers take one snapshot of {@code chunks}.
 */
final class HeadSeries {
    private static final Chunk[] NONE = new Chunk[0];

    /** Published chunk list; replaced, never mutated. Written by the ingest thread only. */
    volatile Chunk[] chunks = NONE;
    /** Last appended timestamp; ingest thread only. */
    private long lastTime = Long.MIN_VALUE;

    /** Appends a sample; false (and nothing stored) when it is not newer than the last one. */
    boolean append(long t, double v) {
        if (t <= lastTime) {
            return false;
        }
        Chunk[] cs = chunks;
        Chunk c = cs.length == 0 ? null : cs[cs.length - 1];
        if (c == null || c.full()) {
            c = new Chunk();
            Chunk[] grown = Arrays.copyOf(cs, cs.length + 1);
            grown[cs.length] = c;
            chunks = grown;
        }
        int i = c.count;
        c.t[i] = t;
        c.v[i] = v;
        c.count = i + 1;
        lastTime = t;
        return true;
    }

    /** Drops whole chunks whose samples are all older than {@code cutoff}; returns samples dropped. */
    int trimBefore(long cutoff) {
        Chunk[] cs = chunks;
        int drop = 0;
        int samples = 0;
        while (drop < cs.length && cs[drop].count > 0 && cs[drop].lastTime(cs[drop].count) < cutoff) {
            samples += cs[drop].count;
            drop++;
        }
        if (drop > 0) {
            chunks = Arrays.copyOfRange(cs, drop, cs.length);
        }
        return samples;
    }

    long lastTime() {
        return lastTime;
    }
}
