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
    long[] start = new long[16];
    double[] value = new double[16];
    double[] last = new double[16];
    int n;
    private boolean ascending = true;

    BucketRun(Aggregate aggregate) {
        this.aggregate = aggregate;
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

    long lastStart() {
        return start[n - 1];
    }

    double lastValue() {
        return last[n - 1];
    }
}
