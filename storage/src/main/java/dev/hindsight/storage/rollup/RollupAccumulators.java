package dev.hindsight.storage.rollup;

import java.util.Arrays;

/**
 * The open buckets of every series at one resolution: pure state, no I/O. Samples go in
 * with {@link #add}; a bucket closes (and goes to the {@link BucketSink}) when a sample of
 * the same series lands in a later bucket, or when the data's watermark (newest timestamp
 * seen, minus a grace period) passes the bucket's end.
 *
 * <p>Counter increase (Thanos style): each sample adds {@code v - prev}, or {@code v} when
 * {@code v < prev} (a reset); {@code prev} carries across bucket boundaries, so the
 * increase between the last sample of one bucket and the first of the next is counted in
 * the later bucket and never lost.
 *
 * <p>A sample not newer than its series' previous one, or falling in a bucket already
 * closed (a clock that stepped back), is dropped and counted in {@link #lateCount()}.
 *
 * <p>Single-threaded (the ingest thread). Per-series state lives in primitive arrays
 * indexed by series id.
 */
public final class RollupAccumulators {
    static final long NONE = Long.MIN_VALUE;

    private final long resolutionMs;
    private final long graceMs;
    private final BucketSink sink;

    private long[] start = new long[0];
    private long[] closedUpTo = new long[0];
    private long[] firstRaw = new long[0];
    private long[] lastTime = new long[0];
    private int[] count = new int[0];
    private double[] sum = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    private double[] last = new double[0];
    private double[] counter = new double[0];
    private double[] prev = new double[0];
    /** Last value of each series' last closed bucket: the counter carry a restart resumes with. */
    private double[] closedLast = new double[0];

    private long watermark = NONE;
    private long flushedBefore = NONE;
    private long late;
    private long lastRawIndex = -1;

    public RollupAccumulators(long resolutionMs, long graceMs, BucketSink sink) {
        if (resolutionMs <= 0 || graceMs < 0) {
            throw new IllegalArgumentException("resolution " + resolutionMs + ", grace " + graceMs);
        }
        this.resolutionMs = resolutionMs;
        this.graceMs = graceMs;
        this.sink = sink;
    }

    /** Adds one sample read from raw-log record {@code rawIndex}. */
    public void add(int seriesId, long t, double v, long rawIndex) {
        ensure(seriesId);
        int s = seriesId;
        if (rawIndex > lastRawIndex) {
            lastRawIndex = rawIndex;
        }
        if (t < closedUpTo[s] || t <= lastTime[s]) {
            late++;
            return;
        }
        long b = Math.floorDiv(t, resolutionMs) * resolutionMs;
        if (start[s] != NONE && b != start[s]) {
            emit(s);
        }
        if (start[s] == NONE) {
            start[s] = b;
            count[s] = 0;
            sum[s] = 0;
            min[s] = Double.POSITIVE_INFINITY;
            max[s] = Double.NEGATIVE_INFINITY;
            counter[s] = 0;
            firstRaw[s] = rawIndex;
        }
        count[s]++;
        sum[s] += v;
        min[s] = Math.min(min[s], v);
        max[s] = Math.max(max[s], v);
        last[s] = v;
        double p = prev[s];
        if (!Double.isNaN(p)) {
            counter[s] += v < p ? v : v - p;
        }
        prev[s] = v;
        lastTime[s] = t;
        if (t > watermark) {
            watermark = t;
            long cutoff = Math.floorDiv(t - graceMs, resolutionMs) * resolutionMs;
            if (cutoff > flushedBefore) {
                flushBefore(cutoff);
            }
        }
    }

    /** Closes every open bucket that ends at or before {@code cutoffMs}. */
    public void flushBefore(long cutoffMs) {
        flushedBefore = Math.max(flushedBefore, cutoffMs);
        for (int s = 0; s < start.length; s++) {
            if (start[s] != NONE && start[s] + resolutionMs <= cutoffMs) {
                emit(s);
            }
        }
    }

    /** Closes every open bucket (tests and rebuilds that reach the end of the data). */
    public void flushAll() {
        for (int s = 0; s < start.length; s++) {
            if (start[s] != NONE) {
                emit(s);
            }
        }
    }

    private void emit(int s) {
        sink.emit(new RollupBucket(s, start[s], count[s], sum[s], min[s], max[s], last[s], counter[s]));
        closedUpTo[s] = start[s] + resolutionMs;
        closedLast[s] = last[s];
        start[s] = NONE;
    }

    private void ensure(int id) {
        if (id < start.length) {
            return;
        }
        int old = start.length;
        int n = Math.max(id + 1, Math.max(16, old * 2));
        start = grow(start, n, NONE);
        closedUpTo = grow(closedUpTo, n, NONE);
        firstRaw = grow(firstRaw, n, -1);
        lastTime = grow(lastTime, n, NONE);
        count = Arrays.copyOf(count, n);
        sum = Arrays.copyOf(sum, n);
        min = Arrays.copyOf(min, n);
        max = Arrays.copyOf(max, n);
        last = Arrays.copyOf(last, n);
        counter = Arrays.copyOf(counter, n);
        prev = Arrays.copyOf(prev, n);
        Arrays.fill(prev, old, n, Double.NaN);
        closedLast = Arrays.copyOf(closedLast, n);
        Arrays.fill(closedLast, old, n, Double.NaN);
    }

    private static long[] grow(long[] a, int n, long fill) {
        long[] out = Arrays.copyOf(a, n);
        Arrays.fill(out, a.length, n, fill);
        return out;
    }

    // ---- checkpoint support ----

    /**
     * The raw-log index replay must restart from so that every open bucket is rebuilt: the
     * first record of the oldest open bucket, or the record after the last one fed.
     */
    public long resumeRawIndex() {
        long r = lastRawIndex + 1;
        for (int s = 0; s < start.length; s++) {
            if (start[s] != NONE && firstRaw[s] < r) {
                r = firstRaw[s];
            }
        }
        return r;
    }

    /** Series slots in use (ids below this may have state). */
    public int seriesCapacity() {
        return start.length;
    }

    public long closedUpTo(int s) {
        return s < start.length ? closedUpTo[s] : NONE;
    }

    /**
     * The last value of the series' last closed bucket: what the counter carry must be when
     * the raw log is re-fed from the start of the series' open bucket.
     */
    public double carriedValue(int s) {
        return s < start.length ? closedLast[s] : Double.NaN;
    }

    /**
     * Restores what a closed bucket implies: samples before its end are done, and its last
     * value is the counter carry for the next bucket. Used on restart, from the checkpoint
     * and from buckets written after it.
     */
    public void restoreClosed(int s, long closedUpToMs, double carried) {
        ensure(s);
        if (closedUpToMs >= closedUpTo[s]) {
            closedUpTo[s] = closedUpToMs;
            prev[s] = carried;
            closedLast[s] = carried;
        }
    }

    public void restoreWatermark(long wm, long lastRaw) {
        watermark = Math.max(watermark, wm);
        flushedBefore = Math.max(flushedBefore, Math.floorDiv(wm - graceMs, resolutionMs) * resolutionMs);
        lastRawIndex = Math.max(lastRawIndex, lastRaw);
    }

    public long watermark() {
        return watermark;
    }

    public long lastRawIndex() {
        return lastRawIndex;
    }

    public long resolutionMs() {
        return resolutionMs;
    }

    public long lateCount() {
        return late;
    }
}
