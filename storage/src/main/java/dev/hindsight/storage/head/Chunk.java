package dev.hindsight.storage.head;

/**
 * A run of up to {@link #CAPACITY} samples of one series, Gorilla-compressed into a bit
 * stream of {@code long} words ({@link ChunkWriter} writes it, {@link ChunkReader} decodes
 * it; the layout is in {@code storage/docs/format/head-chunk.md}). The first timestamp is
 * kept as a field, so a cursor can skip whole chunks without decoding them.
 *
 * <p>Threads: the ingest thread writes the bits of a sample and then publishes it with the
 * volatile write of {@link #count}. A word array that fills up is replaced by a larger copy
 * (and a full chunk's by an exact-size copy when it is sealed) through the volatile
 * {@link #words}, before the samples written into the copy are published. Readers read
 * {@code count} first, then {@code words}, and decode only {@code count} samples: a
 * published sample's bits never change afterwards (later samples are only OR-ed into bits
 * that were zero), so a reader never sees a half-written sample.
 */
final class Chunk {
    /** Samples per chunk: 4 min at 1 s, 40 min at 10 s; trim drops whole chunks. */
    static final int CAPACITY = 240;

    /** Timestamp of the first sample (its value is the first 64 bits of {@link #words}). */
    final long firstTime;
    /** Timestamp of the last appended sample; ingest thread only. */
    long lastTime;
    /** The bit stream; replaced, never shrunk while samples are appended. */
    volatile long[] words;
    /** Number of published samples, at least 1; written by the ingest thread only. */
    volatile int count;

    /** A chunk whose first sample, at {@code firstTime}, is already written into {@code words}. */
    Chunk(long firstTime, long[] words) {
        this.firstTime = firstTime;
        this.lastTime = firstTime;
        this.words = words;
        this.count = 1;
    }

    boolean full() {
        return count == CAPACITY;
    }
}
