package dev.hindsight.storage.rollup;

import java.util.Arrays;
import java.util.function.IntPredicate;

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
 * <p>Single-threaded (the ingest thread). Per-series state lives in one primitive row per
 * series id, and closed buckets go to the sink as primitives (no object per bucket).
 */
public final class RollupAccumulators {
    static final long NONE = Long.MIN_VALUE;

    // One row of STRIDE longs per series (doubles as their raw bits), the fields one sample
    // touches first, so that a sample reads and writes one or two cache lines instead of one
    // line in each of twelve parallel arrays.
    private static final int START = 0;
    private static final int CLOSED_UP_TO = 1;
    private static final int LAST_TIME = 2;
    private static final int COUNT = 3;
    private static final int SUM = 4;
    private static final int MIN = 5;
    private static final int MAX = 6;
    private static final int LAST = 7;
    private static final int COUNTER = 8;
    private static final int PREV = 9;
    private static final int FIRST_RAW = 10;
    /** Last value of the series' last closed bucket: the counter carry a restart resumes with. */
    private static final int CLOSED_LAST = 11;
    /**
     * The cutoff in force when the open bucket opened: a later cutoff closes it, that one does
     * not (a bucket opened behind the watermark waits for the watermark's next rise).
     */
    private static final int OPENED_UNDER = 12;
    private static final int STRIDE = 13;
    private static final long NAN_BITS = Double.doubleToRawLongBits(Double.NaN);

    private final long resolutionMs;
    private final long graceMs;
    private final BucketSink sink;

    // ---- ingest thread only ----
    /** Series rows; {@code rows.length / STRIDE} series slots. */
    private long[] rows = new long[0];
    private int capacity;
    private long watermark = NONE;
    private long flushedBefore = NONE;
    /**
     * No open bucket starts before this (a lower bound: lowered when a bucket opens, raised
     * only by a scan), so {@link #flushBefore} skips scanning every row when no bucket can be due.
     */
    private long minOpenStart = Long.MAX_VALUE;
    /**
     * Open buckets, the latest start any of them has (a bucket opened at it), and how many
     * open buckets start there: when they are all of them, every open bucket starts at
     * {@code maxOpenStart}, which {@link #flushBefore} knows without scanning the rows (the
     * usual case: every series sampled at each tick, so a new tick finds them all in the
     * previous tick's bucket).
     */
    private int openCount;
    private long maxOpenStart = Long.MIN_VALUE;
    private int openAtMax;
    /** The bucket {@link #add} found last, [{@code bucketStart}, {@code bucketEnd}): a record's samples share it. */
    private long bucketStart = Long.MAX_VALUE;
    private long bucketEnd = Long.MIN_VALUE;
    private long late;
    private long lastRawIndex = -1;
    /** Written by {@link #addAll}'s first pass, so that its loads are not optimized away. */
    private long touch;
    /** {@link #addBySeries}'s cutoff per record, reused. */
    private long[] batchCutoffs = new long[0];

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
        if (seriesId >= capacity) {
            ensure(seriesId);
        }
        if (rawIndex > lastRawIndex) {
            lastRawIndex = rawIndex;
        }
        if (accumulate(seriesId, t, v, rawIndex, flushedBefore) && t > watermark) {
            watermark = t;
            long cutoff = Math.floorDiv(t - graceMs, resolutionMs) * resolutionMs;
            if (cutoff > flushedBefore) {
                rise(cutoff);
            }
        }
    }

    /**
     * Takes a sample into its series' bucket (closing the open one when the sample starts a
     * later bucket); false, counted late, when it is not newer than the series' last sample or
     * its bucket is already closed. Leaves the watermark to the caller; {@code cutoff} is the
     * one in force, which a bucket opened now is not closed by.
     */
    private boolean accumulate(int seriesId, long t, double v, long rawIndex, long cutoff) {
        long[] r = rows;
        int at = seriesId * STRIDE;
        if (t < r[at + CLOSED_UP_TO] || t <= r[at + LAST_TIME]) {
            late++;
            return false;
        }
        long b;
        if (t >= bucketStart && t < bucketEnd) {
            b = bucketStart;
        } else {
            b = Math.floorDiv(t, resolutionMs) * resolutionMs;
            bucketStart = b;
            bucketEnd = b + resolutionMs;
        }
        long open = r[at + START];
        if (open != NONE && b != open) {
            emit(r, at, seriesId);
            open = NONE;
        }
        double p = Double.longBitsToDouble(r[at + PREV]);
        double inc = Double.isNaN(p) ? 0 : v < p ? v : v - p;
        if (open == NONE) {
            r[at + START] = b;
            r[at + COUNT] = 1;
            r[at + SUM] = Double.doubleToRawLongBits(0 + v);
            r[at + MIN] = Double.doubleToRawLongBits(Math.min(Double.POSITIVE_INFINITY, v));
            r[at + MAX] = Double.doubleToRawLongBits(Math.max(Double.NEGATIVE_INFINITY, v));
            r[at + COUNTER] = Double.doubleToRawLongBits(0 + inc);
            r[at + FIRST_RAW] = rawIndex;
            r[at + OPENED_UNDER] = cutoff;
            if (b < minOpenStart) {
                minOpenStart = b;
            }
            openCount++;
            if (b > maxOpenStart) {
                maxOpenStart = b;
                openAtMax = 1;
            } else if (b == maxOpenStart) {
                openAtMax++;
            }
        } else {
            r[at + COUNT]++;
            r[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(r[at + SUM]) + v);
            r[at + MIN] = Double.doubleToRawLongBits(Math.min(Double.longBitsToDouble(r[at + MIN]), v));
            r[at + MAX] = Double.doubleToRawLongBits(Math.max(Double.longBitsToDouble(r[at + MAX]), v));
            r[at + COUNTER] = Double.doubleToRawLongBits(Double.longBitsToDouble(r[at + COUNTER]) + inc);
        }
        long vb = Double.doubleToRawLongBits(v);
        r[at + LAST] = vb;
        r[at + PREV] = vb;
        r[at + LAST_TIME] = t;
        return true;
    }

    /**
     * Adds a batch of records' samples ordered by series rather than by record, as
     * {@link #add} would have taken them record by record: sample {@code i} is series
     * {@code ids[i]}'s value {@code values[i]} of record {@code recs[i]}, stamped
     * {@code recordTimes[recs[i]]} and read from raw index {@code recordIndexes[recs[i]]}; a
     * series' samples are in record order. Records before raw index {@code skipBefore} are left
     * out. Closed buckets are emitted series by series, not in the order record-by-record adds
     * would emit them.
     *
     * <p>Record by record, each rise of the watermark closes the buckets open at that moment
     * that end at or before its cutoff. Here a series' open bucket is closed, before each of
     * its samples, if a cutoff in force as of that sample's record came after the bucket opened
     * and reaches its end (a sample of that bucket which comes later is then late, as it would
     * have been); the watermark itself moves once, at the end, to the newest sample taken, and
     * closes what is due then. The watermark as of a record is taken from the records' times,
     * which is what record-by-record adds reach unless every sample of a record is late (a
     * replay over buckets already closed, whose times are then behind the watermark anyway).
     */
    public void addBySeries(int[] ids, double[] values, int[] recs, int n, long[] recordTimes, long[] recordIndexes,
                            int records, long skipBefore) {
        long[] cutoffs = recordCutoffs(recordTimes, recordIndexes, records, skipBefore);
        ensureRows(ids, n);
        long newest = NONE;
        long maxRaw = lastRawIndex;
        for (int i = 0; i < n; i++) {
            int rec = recs[i];
            long raw = recordIndexes[rec];
            if (raw < skipBefore) {
                continue;
            }
            maxRaw = Math.max(maxRaw, raw);
            int s = ids[i];
            int at = s * STRIDE;
            long open = rows[at + START];
            long cutoff = cutoffs[rec];
            if (open != NONE && open + resolutionMs <= cutoff && cutoff > rows[at + OPENED_UNDER]) {
                emit(rows, at, s);
            }
            long t = recordTimes[rec];
            if (accumulate(s, t, values[i], raw, cutoff) && t > newest) {
                newest = t;
            }
        }
        lastRawIndex = maxRaw;
        if (newest > watermark) {
            watermark = newest;
            long cutoff = Math.floorDiv(newest - graceMs, resolutionMs) * resolutionMs;
            if (cutoff > flushedBefore) {
                rise(cutoff);
            }
        }
    }

    /** Lets go of {@link #addBySeries}'s per-record buffer when it is large. */
    public void releaseBatchBuffers() {
        if (batchCutoffs.length > 1 << 12) {
            batchCutoffs = new long[0];
        }
    }

    /** For each record, the cutoff in force as of that record: the highest the watermark had reached. */
    private long[] recordCutoffs(long[] recordTimes, long[] recordIndexes, int records, long skipBefore) {
        long[] cutoffs = batchCutoffs.length >= records ? batchCutoffs : (batchCutoffs = new long[records * 2]);
        long w = watermark;
        long inForce = flushedBefore;
        for (int r = 0; r < records; r++) {
            if (recordIndexes[r] >= skipBefore && recordTimes[r] > w) {
                w = recordTimes[r];
                inForce = Math.max(inForce, Math.floorDiv(w - graceMs, resolutionMs) * resolutionMs);
            }
            cutoffs[r] = inForce;
        }
        return cutoffs;
    }

    /**
     * Adds {@code n} samples of raw-log record {@code rawIndex} in order, as {@link #add} one by
     * one would. A first pass only reads each sample's row: those loads do not depend on one
     * another, so the processor has many cache misses in flight at once, and the adds that
     * follow find their rows in cache instead of waiting for each in turn.
     */
    public void addAll(int[] seriesIds, long[] times, double[] values, int n, long rawIndex) {
        ensureRows(seriesIds, n);
        long[] r = rows;
        long touched = 0;
        for (int i = 0; i < n; i++) {
            int at = seriesIds[i] * STRIDE;
            touched += r[at + START] + r[at + STRIDE - 1];
        }
        touch = touched;
        for (int i = 0; i < n; i++) {
            add(seriesIds[i], times[i], values[i], rawIndex);
        }
    }

    /** Closes every open bucket that ends at or before {@code cutoffMs}. */
    public void flushBefore(long cutoffMs) {
        close(cutoffMs, Long.MAX_VALUE);
    }

    /**
     * The watermark's cutoff rose to {@code cutoffMs}: closes the open buckets that end at or
     * before it and opened under an earlier cutoff. (Record by record, every open bucket opened
     * under an earlier one; {@link #addBySeries} opens buckets under cutoffs it applies only
     * at its end.)
     */
    private void rise(long cutoffMs) {
        close(cutoffMs, cutoffMs);
    }

    /** Closes the open buckets that end at or before {@code cutoffMs} and opened under a cutoff below {@code openedBelow}. */
    private void close(long cutoffMs, long openedBelow) {
        flushedBefore = Math.max(flushedBefore, cutoffMs);
        if (minOpenStart == Long.MAX_VALUE || minOpenStart + resolutionMs > cutoffMs) {
            return; // every open bucket ends after the cutoff
        }
        if (openCount == openAtMax) { // every open bucket (if any) starts at maxOpenStart
            minOpenStart = openCount == 0 ? Long.MAX_VALUE : maxOpenStart;
            if (minOpenStart == Long.MAX_VALUE || minOpenStart + resolutionMs > cutoffMs) {
                return;
            }
        }
        long[] r = rows;
        long stillOpen = Long.MAX_VALUE;
        for (int s = 0, at = 0; s < capacity; s++, at += STRIDE) {
            long open = r[at + START];
            if (open != NONE) {
                if (open + resolutionMs <= cutoffMs && r[at + OPENED_UNDER] < openedBelow) {
                    emit(r, at, s);
                } else if (open < stillOpen) {
                    stillOpen = open;
                }
            }
        }
        minOpenStart = stillOpen;
    }

    /** Closes every open bucket (tests and rebuilds that reach the end of the data). */
    public void flushAll() {
        long[] r = rows;
        for (int s = 0, at = 0; s < capacity; s++, at += STRIDE) {
            if (r[at + START] != NONE) {
                emit(r, at, s);
            }
        }
        minOpenStart = Long.MAX_VALUE;
    }

    private void emit(long[] r, int at, int s) {
        long open = r[at + START];
        sink.emit(s, open, (int) r[at + COUNT], Double.longBitsToDouble(r[at + SUM]),
            Double.longBitsToDouble(r[at + MIN]), Double.longBitsToDouble(r[at + MAX]),
            Double.longBitsToDouble(r[at + LAST]), Double.longBitsToDouble(r[at + COUNTER]));
        r[at + CLOSED_UP_TO] = open + resolutionMs;
        r[at + CLOSED_LAST] = r[at + LAST];
        r[at + START] = NONE;
        openCount--;
        if (open == maxOpenStart) {
            openAtMax--;
        }
    }

    /**
     * Resets the rows of retired series (their open bucket, if any, is discarded), so that an
     * id handed out again starts like a new one: no counter carried over from the old series,
     * none of its times holding the new one's samples back.
     */
    public void forget(IntPredicate retired) {
        long[] r = rows;
        for (int s = 0, at = 0; s < capacity; s++, at += STRIDE) {
            if (retired.test(s)) {
                long open = r[at + START];
                if (open != NONE) { // dropped, not emitted: out of the open-bucket counts too
                    openCount--;
                    if (open == maxOpenStart) {
                        openAtMax--;
                    }
                }
                Arrays.fill(r, at, at + STRIDE, 0L);
                initRow(r, at);
            }
        }
    }

    /**
     * Lets the rows go back to {@code ids} series when there are many more: every id at or
     * above {@code ids} must be {@linkplain #forget forgotten} already.
     */
    public void shrinkTo(int ids) {
        int keep = Math.max(16, ids);
        if (capacity > 2 * keep) {
            rows = Arrays.copyOf(rows, keep * STRIDE);
            capacity = keep;
        }
    }

    private static void initRow(long[] r, int at) {
        r[at + START] = NONE;
        r[at + CLOSED_UP_TO] = NONE;
        r[at + LAST_TIME] = NONE;
        r[at + FIRST_RAW] = -1;
        r[at + PREV] = NAN_BITS;
        r[at + CLOSED_LAST] = NAN_BITS;
        r[at + OPENED_UNDER] = NONE;
    }

    /** Makes rows for every id in {@code ids[0, n)}. */
    private void ensureRows(int[] ids, int n) {
        int top = -1;
        for (int i = 0; i < n; i++) {
            top = Math.max(top, ids[i]);
        }
        if (top >= capacity) {
            ensure(top);
        }
    }

    private void ensure(int id) {
        if (id < capacity) {
            return;
        }
        int old = capacity;
        int n = Math.max(id + 1, Math.max(16, old * 2));
        long[] grown = Arrays.copyOf(rows, n * STRIDE);
        for (int at = old * STRIDE; at < grown.length; at += STRIDE) {
            initRow(grown, at);
        }
        rows = grown;
        capacity = n;
    }

    // ---- checkpoint support ----

    /**
     * The raw-log index replay must restart from so that every open bucket is rebuilt: the
     * first record of the oldest open bucket, or the record after the last one fed.
     */
    public long resumeRawIndex() {
        long resume = lastRawIndex + 1;
        long[] r = rows;
        for (int at = 0; at < capacity * STRIDE; at += STRIDE) {
            if (r[at + START] != NONE && r[at + FIRST_RAW] < resume) {
                resume = r[at + FIRST_RAW];
            }
        }
        return resume;
    }

    /** Series slots in use (ids below this may have state). */
    public int seriesCapacity() {
        return capacity;
    }

    public long closedUpTo(int s) {
        return s < capacity ? rows[s * STRIDE + CLOSED_UP_TO] : NONE;
    }

    /**
     * The last value of the series' last closed bucket: what the counter carry must be when
     * the raw log is re-fed from the start of the series' open bucket.
     */
    public double carriedValue(int s) {
        return s < capacity ? Double.longBitsToDouble(rows[s * STRIDE + CLOSED_LAST]) : Double.NaN;
    }

    /**
     * Restores what a closed bucket implies: samples before its end are done, and its last
     * value is the counter carry for the next bucket. Used on restart, from the checkpoint
     * and from buckets written after it.
     */
    public void restoreClosed(int s, long closedUpToMs, double carried) {
        ensure(s);
        int at = s * STRIDE;
        if (closedUpToMs >= rows[at + CLOSED_UP_TO]) {
            rows[at + CLOSED_UP_TO] = closedUpToMs;
            rows[at + PREV] = Double.doubleToRawLongBits(carried);
            rows[at + CLOSED_LAST] = Double.doubleToRawLongBits(carried);
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
