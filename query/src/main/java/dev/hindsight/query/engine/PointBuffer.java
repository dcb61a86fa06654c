package dev.hindsight.query.engine;

import dev.hindsight.storage.select.SampleCursor;
import java.util.Arrays;

/**
 * All points of one selected series, read once from its cursor into primitive arrays that
 * are reused for the next series, so a series-at-a-time evaluation holds one series' points
 * at a time. Single-threaded.
 */
final class PointBuffer {
    long[] ts = new long[64];
    double[] vs = new double[64];
    int n;

    /** Reads every point of {@code c}, leaving out stale markers when {@code skipStale}. */
    void load(SampleCursor c, boolean skipStale) {
        n = 0;
        while (true) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            int k = c.next(ts, vs, n, ts.length - n);
            if (k == 0) {
                return;
            }
            if (!skipStale) {
                n += k;
                continue;
            }
            int end = n + k;
            for (int j = n; j < end; j++) {
                if (!StaleNaN.is(vs[j])) {
                    ts[n] = ts[j];
                    vs[n] = vs[j];
                    n++;
                }
            }
        }
    }
}
