package dev.hindsight.server.export;

import java.util.Arrays;

/**
 * The samples of one send, in raw-log order: parallel arrays of series id, time and value,
 * plus the raw-log index of the last record whose samples are all in it (the position to
 * acknowledge once the receiver took the batch). Export thread only.
 */
public final class Batch {
    private int[] series = new int[1024];
    private long[] times = new long[1024];
    private double[] values = new double[1024];
    private int size;
    private long lastRawIndex = -1;
    private int records;
    private long startedNanos;
    private long maxTimeMs = Long.MIN_VALUE;

    void add(int seriesId, long timeMs, double value) {
        if (size == series.length) {
            int n = size * 2;
            series = Arrays.copyOf(series, n);
            times = Arrays.copyOf(times, n);
            values = Arrays.copyOf(values, n);
        }
        series[size] = seriesId;
        times[size] = timeMs;
        values[size] = value;
        size++;
        maxTimeMs = Math.max(maxTimeMs, timeMs);
    }

    /** Marks the record at {@code rawIndex} as wholly in this batch. */
    void endRecord(long rawIndex, long nowNanos) {
        if (records == 0) {
            startedNanos = nowNanos;
        }
        records++;
        lastRawIndex = rawIndex;
    }

    void clear() {
        size = 0;
        records = 0;
        lastRawIndex = -1;
        maxTimeMs = Long.MIN_VALUE;
    }

    public int size() {
        return size;
    }

    /** Records covered (including those that produced no samples). */
    public int records() {
        return records;
    }

    public int seriesId(int i) {
        return series[i];
    }

    public long timeMs(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long lastRawIndex() {
        return lastRawIndex;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Newest sample time in the batch, or {@code Long.MIN_VALUE}. */
    public long maxTimeMs() {
        return maxTimeMs;
    }
}
