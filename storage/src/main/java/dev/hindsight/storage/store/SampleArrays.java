package dev.hindsight.storage.store;

import java.util.Arrays;

/** A growable pair of time and value columns, filled by one thread and then only read. */
final class SampleArrays {
    long[] t;
    double[] v;
    int n;

    /** Columns filled elsewhere, taken over (not copied). */
    static SampleArrays wrap(long[] t, double[] v, int n) {
        SampleArrays a = new SampleArrays(0);
        a.t = t;
        a.v = v;
        a.n = n;
        return a;
    }

    SampleArrays() {
        this(16);
    }

    private SampleArrays(int capacity) {
        t = new long[capacity];
        v = new double[capacity];
    }

    void add(long time, double value) {
        if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
            v = Arrays.copyOf(v, n * 2);
        }
        t[n] = time;
        v[n] = value;
        n++;
    }

    long lastTime() {
        return n == 0 ? Long.MIN_VALUE : t[n - 1];
    }
}
