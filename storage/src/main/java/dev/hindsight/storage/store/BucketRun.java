package dev.hindsight.storage.store;

import dev.hindsight.storage.rollup.RowSink;
import dev.hindsight.storage.select.Aggregate;
import java.util.Arrays;

/**
 * One series' rollup buckets for a selection, in primitive columns: each bucket's start, the
 * aggregate the query asked for, and its last value (the counter carry for what follows).
 * Filled by one thread, then read.
 */
final class BucketRun implements RowSink {
    private final Aggregate aggregate;
    long[] start;
    double[] value;
    double[] last;
    int n;
    private boolean ascending = true;

    /** @param expected how many buckets the range holds at most (sizes the columns once) */
    BucketRun(Aggregate aggregate, int expected) {
        this.aggregate = aggregate;
        int c = Math.max(4, expected);
        start = new long[c];
        value = new double[c];
        last = new double[c];
    }

    @Override
    public void row(long startMs, int count, double sum, double min, double max, double lastValue, double counter) {
        if (n == start.length) {
            start = Arrays.copyOf(start, n * 2);
            value = Arrays.copyOf(value, n * 2);
            last = Arrays.copyOf(last, n * 2);
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
        last[n] = lastValue;
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
        double[] l = new double[last.length];
        for (int i = 0; i < n; i++) {
            s[i] = start[order[i]];
            v[i] = value[order[i]];
            l[i] = last[order[i]];
        }
        start = s;
        value = v;
        last = l;
        ascending = true;
    }

    /** Drops the (sorted) buckets that reach past {@code endMs}: they hold samples after it. */
    void dropReachingPast(long endMs, long resolutionMs) {
        while (n > 0 && start[n - 1] + resolutionMs > endMs) {
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

    double lastValue() {
        return last[n - 1];
    }
}
