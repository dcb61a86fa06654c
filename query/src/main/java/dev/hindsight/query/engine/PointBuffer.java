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
        while (c.next()) {
            double v = c.value();
            if (skipStale && StaleNaN.is(v)) {
                continue;
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = c.timestamp();
            vs[n] = v;
            n++;
        }
    }
}
