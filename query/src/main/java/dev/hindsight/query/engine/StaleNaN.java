package dev.hindsight.query.engine;

import dev.hindsight.storage.select.InMemorySeriesSource;

/** Prometheus's stale marker: a NaN with a special bit pattern that ends a series. */
public final class StaleNaN {
    public static final long BITS = InMemorySeriesSource.STALE_NAN_BITS;
    public static final double VALUE = InMemorySeriesSource.STALE_NAN;

    private StaleNaN() {
    }

    public static boolean is(double v) {
        return Double.doubleToRawLongBits(v) == BITS;
    }
}
