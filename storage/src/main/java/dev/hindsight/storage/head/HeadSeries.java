package dev.hindsight.storage.head;

import java.util.Arrays;

/**
 * One series' samples in the head: a list of compressed chunks, oldest first, the last one
 * open for appends.
 *
 * <p>Threads: only the ingest thread calls {@link #append} and {@link #trimBefore}; it
 * publishes a changed chunk list by replacing the volatile {@link #chunks} array (never
 * mutating a published array), and a sample within a chunk as {@link Chunk} describes.
 * Readers take one snapshot of {@code chunks}.
 *
 * <p>The open chunk's encoder state is inherited from {@link ChunkWriter} (one object per
 * series rather than two, for the ingest path's cache misses).
 */
final class HeadSeries extends ChunkWriter {
    private static final Chunk[] NONE = new Chunk[0];

    /** Published chunk list; replaced, never mutated. Written by the ingest thread only. */
    volatile Chunk[] chunks = NONE;

    // ---- ingest thread only ----
    private long lastTime = Long.MIN_VALUE;

    /** An empty series whose sealed streams are shared through {@code interner} or spilled to {@code spill} (may be null). */
    HeadSeries(StreamInterner interner, ChunkSpill spill) {
        super(interner, spill);
    }

    /** Reads what the next append touches first ({@link Head#appendAll}); the sum only keeps the loads. */
    long touch() {
        return lastTime + touchStreams();
    }

    /** Appends a sample; false (and nothing stored) when it is not newer than the last one. */
    boolean append(long t, double v) {
        if (t <= lastTime) {
            return false;
        }
        if (!appendToChunk(t, v)) {
            Chunk[] cs = chunks;
            Chunk[] grown = Arrays.copyOf(cs, cs.length + 1);
            grown[cs.length] = open(t, v);
            chunks = grown;
        }
        lastTime = t;
        return true;
    }

    /**
     * Drops whole chunks whose samples are all older than {@code cutoff}, releasing them to
     * {@code spill} (may be null); returns samples dropped.
     */
    int trimBefore(long cutoff, ChunkSpill spill) {
        Chunk[] cs = chunks;
        int drop = 0;
        int samples = 0;
        while (drop < cs.length && cs[drop].lastTime < cutoff) {
            samples += cs[drop].count;
            if (spill != null) {
                spill.release(cs[drop]);
            }
            drop++;
        }
        if (drop > 0) {
            chunks = drop == cs.length ? NONE : Arrays.copyOfRange(cs, drop, cs.length);
        }
        return samples;
    }

    long lastTime() {
        return lastTime;
    }

    /** Releases every chunk to {@code spill} (the series is forgotten; ingest thread). */
    void releaseAll(ChunkSpill spill) {
        for (Chunk c : chunks) {
            spill.release(c);
        }
    }

    /** Samples held (ingest thread). */
    long sampleCount() {
        long n = 0;
        for (Chunk c : chunks) {
            n += c.count;
        }
        return n;
    }
}
