package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;
import java.util.Arrays;

/** A growing series of points in primitive arrays, used for subqueries and range results. */
final class SeriesBuilder {
    final Labels labels;
    boolean dropName;
    long[] ts = new long[8];
    double[] vs = new double[8];
    int n;

    SeriesBuilder(Labels labels) {
        this.labels = labels;
    }

    void add(long t, double v) {
        if (n == ts.length) {
            ts = Arrays.copyOf(ts, n * 2);
            vs = Arrays.copyOf(vs, n * 2);
        }
        ts[n] = t;
        vs[n] = v;
        n++;
    }

    long[] timestamps() {
        return Arrays.copyOf(ts, n);
    }

    double[] values() {
        return Arrays.copyOf(vs, n);
    }

    /** Index of the first point with timestamp &gt; t. */
    int upperBound(long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
