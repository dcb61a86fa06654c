package dev.hindsight.storage.store;

import dev.hindsight.storage.rollup.RowSink;
import dev.hindsight.storage.select.Aggregate;
import java.util.Arrays;

/**
 * One series' rollup buckets for a selection, in primitive columns: each bucket's start and
 * the aggregate the query asked for; of the buckets' last values (the counter carry for what
 * follows) only that of the newest bucket ending by the selection's end is kept, the one
 * {@link #lastValue} gives after {@link #sort} and {@link #dropReachingPast}.
 * Filled by one thread, then read.
 */
final class BucketRun implements RowSink {
    private final Aggregate aggregate;
    /** Buckets reaching past this end are dropped ({@link #dropReachingPast}): their last values are not the carry. */
    private final long endMs;
    private final long resolutionMs;
    long[] start;
    double[] value;
    int n;
    private boolean ascending = true;
    /** The start and last value of the newest bucket (the later one of equal starts) ending by {@link #endMs}. */
    private long carryStart = Long.MIN_VALUE;
    private double carry;
    private boolean hasCarry;

    /**
     * @param expected how many buckets the range holds at most (sizes the columns once)
     * @param endMs    the selection's end, as {@link #dropReachingPast} will be given it
     */
    BucketRun(Aggregate aggregate, int expected, long endMs, long resolutionMs) {
        this.aggregate = aggregate;
        this.endMs = endMs;
        this.resolutionMs = resolutionMs;
        int c = Math.max(4, expected);
        start = new long[c];
        value = new double[c];
    }

    @Override
    public void row(long startMs, int count, double sum, double min, double max, double lastValue, double counter) {
        if (n == start.length) {
            start = Arrays.copyOf(start, n * 2);
            value = Arrays.copyOf(value, n * 2);
        }
        if (n > 0 && startMs < start[n - 1]) {
            ascending = false;
        }
        start[n] = startMs;
        value[n] = switch (aggregate) {
            case COUNT -> count;
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case LAST, RAW -> lastValue;
            case COUNTER -> counter;
        };
        if (startMs <= endMs - resolutionMs && (!hasCarry || startMs >= carryStart)) {
            carryStart = startMs;
            carry = lastValue;
            hasCarry = true;
        }
        n++;
    }

    /** Puts the buckets in start order (they arrive in order but for buckets closed late). */
    void sort() {
        if (ascending) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(start[a], start[b]));
        long[] s = new long[start.length];
        double[] v = new double[value.length];
        for (int i = 0; i < n; i++) {
            s[i] = start[order[i]];
            v[i] = value[order[i]];
        }
        start = s;
        value = v;
        ascending = true;
    }

    /** Drops the (sorted) buckets that reach past the end given at construction: they hold samples after it. */
    void dropReachingPast() {
        while (n > 0 && start[n - 1] > endMs - resolutionMs) {
            n--;
        }
    }

    boolean isEmpty() {
        return n == 0;
    }

    /**
     * Turns the columns into the selection's samples, in place: each bucket stamped with its
     * end (the newest, partial one with {@code endMs}), those stamped before {@code startMs}
     * left out. The run is not usable as buckets afterwards.
     */
    SampleArrays toSamples(long startMs, long endMs, long resolutionMs) {
        int k = 0;
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long stamp = Math.min(start[i] + resolutionMs, endMs);
            if (stamp >= startMs && start[i] <= endMs && stamp > prev) {
                start[k] = stamp;
                value[k] = value[i];
                prev = stamp;
                k++;
            }
        }
        return SampleArrays.wrap(start, value, k);
    }

    long lastStart() {
        return start[n - 1];
    }

    /** The last value of bucket {@code n - 1}; only right after {@link #sort} and {@link #dropReachingPast}, when not empty. */
    double lastValue() {
        return carry;
    }
}
