package dev.hindsight.storage.store;

import java.util.Arrays;

/** A growable pair of time and value columns, filled by one thread and then only read. */
final class SampleArrays {
    long[] t = new long[16];
    double[] v = new double[16];
    int n;

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
