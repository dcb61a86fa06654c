package dev.hindsight.storage.head;

import dev.hindsight.storage.select.SampleCursor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The newest raw samples of every series, in memory, for fast recent reads. Fed by
 * {@code (seriesId, timeMs, value)} appends from one ingest thread; read by any number of
 * query threads at once. {@link #trim()} drops whole chunks older than the window,
 * measured from the newest sample seen.
 *
 * <p>A sample not newer than its series' last one is rejected (counted in
 * {@link #rejectedCount()}), as Prometheus rejects out-of-order samples; a clock that
 * steps backwards therefore loses samples until it catches up, but never reorders data.
 *
 * <p>Made with a spill directory, the head moves sealed chunks' longer value streams out of
 * the Java heap into unlinked scratch files ({@link ChunkSpill}) and reads them back through
 * a mapping: its resident memory is then mostly the open chunks and the chunk index.
 */
public final class Head {
    private static final VarHandle MAX_TIME;
    private static final VarHandle SAMPLES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MAX_TIME = l.findVarHandle(Head.class, "maxTime", long.class);
            SAMPLES = l.findVarHandle(Head.class, "samples", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long windowMs;

    // ---- written by the ingest thread only; the volatile array is replaced, never mutated. The
    // per-sample fields (maxTime, samples) are written with release stores: readers read them
    // as volatile, but the ingest thread does not pay a full fence on every sample ----
    private volatile HeadSeries[] series = new HeadSeries[0];
    private volatile long maxTime = Long.MIN_VALUE;
    private volatile long minTime = Long.MAX_VALUE;
    private volatile long samples;
    private volatile long rejected;
    private final StreamInterner interner = new StreamInterner();
    /** Null: everything stays on the heap. */
    private final ChunkSpill spill;
    /** {@link #appendAll}'s series of one batch, and the sum of what its first pass read (kept so the loads are). */
    private HeadSeries[] touchBatch = new HeadSeries[0];
    private long touch;

    /** A head that keeps everything on the Java heap. */
    public Head(long windowMs) {
        this(windowMs, null);
    }

    /**
     * A head that spills sealed value streams into scratch files in {@code spillDir}
     * (made when first needed), reporting a directory it cannot write to {@code problems}.
     */
    public Head(long windowMs, Path spillDir, Consumer<String> problems) {
        this(windowMs, new ChunkSpill(spillDir, ChunkSpill.SEGMENT_BYTES, ChunkSpill.BATCH_BYTES, problems));
    }

    Head(long windowMs, ChunkSpill spill) {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("head window must be positive: " + windowMs);
        }
        this.windowMs = windowMs;
        this.spill = spill;
    }

    /** Appends one sample (ingest thread only); false when rejected as out of order. */
    public boolean append(int seriesId, long timeMs, double value) {
        HeadSeries s = seriesFor(seriesId);
        if (!s.append(timeMs, value)) {
            rejected++;
            return false;
        }
        SAMPLES.setRelease(this, (long) SAMPLES.get(this) + 1);
        if (timeMs > (long) MAX_TIME.get(this)) {
            MAX_TIME.setRelease(this, timeMs);
        }
        if (minTime == Long.MAX_VALUE) {
            minTime = timeMs;
        }
        return true;
    }

    /**
     * Appends {@code n} samples in order, as {@link #append} one by one would (ingest thread
     * only). A first pass reads what each sample's append touches first (its series' state
     * and the stream words it writes): those loads do not depend on one another, so their
     * cache misses overlap, and the appends that follow find them in cache.
     */
    public void appendAll(int[] seriesIds, long[] times, double[] values, int n) {
        HeadSeries[] batch = touchBatch.length >= n ? touchBatch : (touchBatch = new HeadSeries[n * 2]);
        long touched = 0;
        for (int i = 0; i < n; i++) {
            HeadSeries s = seriesFor(seriesIds[i]);
            batch[i] = s;
            touched += s.touch();
        }
        touch = touched;
        for (int i = 0; i < n; i++) {
            long t = times[i];
            if (!batch[i].append(t, values[i])) {
                rejected++;
                continue;
            }
            SAMPLES.setRelease(this, (long) SAMPLES.get(this) + 1);
            if (t > (long) MAX_TIME.get(this)) {
                MAX_TIME.setRelease(this, t);
            }
            if (minTime == Long.MAX_VALUE) {
                minTime = t;
            }
        }
        Arrays.fill(batch, 0, n, null);
    }

    private HeadSeries seriesFor(int id) {
        HeadSeries[] ss = series;
        if (id >= ss.length) {
            ss = Arrays.copyOf(ss, Math.max(id + 1, ss.length * 2));
            series = ss;
        }
        HeadSeries s = ss[id];
        if (s == null) {
            s = new HeadSeries(interner, spill);
            ss[id] = s;
            series = ss; // re-publish so readers see the new element
        }
        return s;
    }

    /** One series' chunks and encoder, or null when it has none (for tests in this package). */
    HeadSeries series(int id) {
        HeadSeries[] ss = series;
        return id < ss.length ? ss[id] : null;
    }

    /**
     * The time of a series' newest sample appended since this head was made (remembered after
     * its chunks are trimmed), or Long.MIN_VALUE when it has had none.
     */
    public long lastTime(int seriesId) {
        HeadSeries[] ss = series;
        HeadSeries s = seriesId < ss.length ? ss[seriesId] : null;
        return s == null ? Long.MIN_VALUE : s.lastTime();
    }

    /**
     * Drops what the head keeps of a retired series (ingest thread only); an append to the id
     * later (handed out again to a new series) starts afresh.
     */
    public void forget(int seriesId) {
        HeadSeries[] ss = series;
        if (seriesId < ss.length && ss[seriesId] != null) {
            samples -= ss[seriesId].sampleCount();
            if (spill != null) {
                ss[seriesId].releaseAll(spill);
            }
            ss[seriesId] = null;
        }
    }

    /**
     * Lets the per-id array go back to {@code ids} entries when it is much longer (ingest
     * thread only): every id at or above {@code ids} must be forgotten already.
     */
    public void shrinkTo(int ids) {
        HeadSeries[] ss = series;
        int keep = Math.max(16, ids);
        if (ss.length > 2 * keep) {
            series = Arrays.copyOf(ss, keep);
        }
    }

    /** Drops chunks entirely older than the window (ingest thread only). */
    public void trim() {
        if (maxTime == Long.MIN_VALUE) {
            return;
        }
        long cutoff = maxTime - windowMs;
        long dropped = 0;
        for (HeadSeries s : series) {
            if (s != null) {
                dropped += s.trimBefore(cutoff, spill);
            }
        }
        samples -= dropped;
        if (cutoff > minTime) {
            minTime = cutoff;
        }
    }

    /** A cursor over one series' head samples in [start, end] (any thread). */
    public SampleCursor cursor(int seriesId, long start, long end) {
        HeadSeries[] ss = series;
        Chunk[] cs = seriesId < ss.length && ss[seriesId] != null ? ss[seriesId].chunks : new Chunk[0];
        return new HeadCursor(cs, start, end);
    }

    /**
     * From this time on the head is complete: it holds every sample appended with a
     * timestamp at or after it (the first sample's time, raised to the trim cutoff by each
     * {@link #trim()}, as only chunks wholly before the cutoff are dropped).
     * Long.MAX_VALUE when empty.
     */
    public long minTime() {
        return minTime;
    }

    /** The newest timestamp appended, or Long.MIN_VALUE when empty. */
    public long maxTime() {
        return maxTime;
    }

    /** Oldest timestamp held for one series, or Long.MAX_VALUE when it has none. */
    public long minTime(int seriesId) {
        HeadSeries[] ss = series;
        if (seriesId >= ss.length || ss[seriesId] == null) {
            return Long.MAX_VALUE;
        }
        Chunk[] cs = ss[seriesId].chunks;
        return cs.length > 0 ? cs[0].firstTime : Long.MAX_VALUE;
    }

    /**
     * Whether a series may have samples in [start, end], from what the head knows; false only
     * when it provably has none. The head is complete from {@link #minTime()}: a series with no
     * sample held has none since then, and one whose oldest held sample comes after it has none
     * between the two. A series' newest sample is remembered after its chunks are trimmed.
     */
    public boolean mayHaveSamples(int seriesId, long start, long end) {
        long complete = minTime;
        if (complete == Long.MAX_VALUE) {
            return true; // an empty head knows nothing
        }
        HeadSeries[] ss = series;
        HeadSeries s = seriesId < ss.length ? ss[seriesId] : null;
        if (s == null || s.lastTime() == Long.MIN_VALUE) {
            return start < complete;
        }
        if (start > s.lastTime()) {
            return false;
        }
        Chunk[] cs = s.chunks;
        long oldestHeld = cs.length > 0 ? cs[0].firstTime : Long.MAX_VALUE;
        return !(start >= complete && end < oldestHeld);
    }

    public long windowMs() {
        return windowMs;
    }

    /** Bytes of value streams in the open spill files (0 without a spill directory). */
    public long spilledBytes() {
        return spill == null ? 0 : spill.spilledBytes();
    }

    /** Spill files open (0 without a spill directory). */
    public int spillFiles() {
        return spill == null ? 0 : spill.segmentCount();
    }

    /**
     * Closes the spill files (ingest thread, when it has stopped): readers still holding
     * chunks read them through their mappings; appends after this keep streams on the heap.
     */
    public void close() {
        if (spill != null) {
            spill.close();
        }
    }

    public long sampleCount() {
        return samples;
    }

    public long rejectedCount() {
        return rejected;
    }
}
