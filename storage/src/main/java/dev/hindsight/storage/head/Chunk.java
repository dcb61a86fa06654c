package dev.hindsight.storage.head;

/**
 * A run of up to {@link #CAPACITY} samples of one series, Gorilla-compressed into two bit
 * streams of {@code long} words, one for timestamps and one for values ({@link ChunkWriter}
 * writes them, {@link ChunkReader} decodes them; the layout is in
 * {@code storage/docs/format/head-chunk.md}). The first timestamp is kept as a field, so a
 * cursor can skip whole chunks without decoding them. A sealed chunk's streams may be shared
 * with other chunks that have identical ones ({@link StreamInterner}).
 *
 * <p>Threads: the ingest thread writes the bits of a sample and then publishes it with the
 * release store of {@link #count} ({@link #publish}). A stream array that fills up is replaced by a larger copy
 * (and a full chunk's by an exact-size or shared copy when it is sealed) through the
 * volatile {@link #times} and {@link #values}, before the samples written into the copy are
 * published. Readers read {@code count} first, then the arrays, and decode only
 * {@code count} samples: a published sample's bits never change afterwards (later samples
 * are only OR-ed into bits that were zero), so a reader never sees a half-written sample.
 * Every {@link #MARK_EVERY} samples the decoder's state is kept in {@link #marks}, so a seek
 * into one of the two newest chunks decodes at most that many samples.
 */
final class Chunk {
    private static final java.lang.invoke.VarHandle COUNT;

    static {
        try {
            COUNT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Chunk.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Samples per chunk: 4 min at 1 s, 40 min at 10 s; trim drops whole chunks. */
    static final int CAPACITY = 240;

    /** Samples from one mark to the next: a reader starting inside the chunk decodes at most this many to get there. */
    static final int MARK_EVERY = 64;
    /** Set in a mark's window byte (bits 8-15) when the value window is a scaled one. */
    static final int SCALED_WINDOW_FLAG = 0x80;
    /** Longs per mark: time, delta, value bits, and stream positions with the XOR window. */
    static final int MARK_LONGS = 4;

    /** Timestamp of the first sample. */
    final long firstTime;
    /** Timestamp of the last appended sample; ingest thread only. */
    long lastTime;
    /** Delta-of-delta stream of the timestamps after the first; replaced, never shrunk while open. */
    volatile long[] times;
    /**
     * The first value's 64 bits, then the XOR stream of the next ones; replaced likewise, and
     * null once the sealed stream is spilled ({@link #spilledIn}).
     */
    volatile long[] values;
    /**
     * Where the value stream went when {@link ChunkSpill} wrote it out of the heap (then
     * {@link #values} is null), else null. Both spill fields are written before the volatile
     * {@code values = null} that tells a reader to use them.
     */
    SpillSegment spilledIn;
    /** The spilled stream's word offset in {@link #spilledIn}; {@link ChunkSpill#RELEASED} for one released unspilled. */
    int spillOffset;
    /** Number of published samples, at least 1; written by the ingest thread only. */
    volatile int count;
    /**
     * The decoder's state right after samples {@code MARK_EVERY, 2 * MARK_EVERY, ...}
     * ({@link ChunkWriter#mark} lays it out): a reader resumes from the last one before the
     * time it wants instead of decoding from the chunk's first sample. Mark j is written by
     * the ingest thread before the volatile {@link #count} write that publishes its sample,
     * so a reader that read a count past that sample sees it. Only a series' two newest
     * chunks keep them (where instant queries and recent ranges start): the writer drops
     * them (null) from a chunk when the chunk after it is sealed.
     */
    volatile long[] marks = new long[(CAPACITY - 1) / MARK_EVERY * MARK_LONGS];

    /** A chunk whose first sample, at {@code firstTime}, is already written into {@code values}. */
    Chunk(long firstTime, long[] times, long[] values) {
        this.firstTime = firstTime;
        this.lastTime = firstTime;
        this.times = times;
        this.values = values;
        this.count = 1;
    }

    /**
     * Publishes the samples up to {@code n} (ingest thread): a release store, which orders
     * the stream and mark writes before it as a volatile store would, without the full fence
     * a volatile store costs on every sample; readers still read {@code count} as volatile.
     */
    void publish(int n) {
        COUNT.setRelease(this, n);
    }
}
