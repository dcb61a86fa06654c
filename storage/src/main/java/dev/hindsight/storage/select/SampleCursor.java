package dev.hindsight.storage.select;

/**
 * A forward-only cursor over one series' samples in time order. Reused, allocation-free:
 * {@link #timestamp()} and {@link #value()} describe the sample the last successful
 * {@link #next()} or {@link #seek(long)} stopped on.
 *
 * <p>For rollup data each sample is one bucket, stamped with the bucket's end time, and
 * {@link #value()} is the aggregate the selection asked for.
 */
public interface SampleCursor {
    /** Advances to the next sample; false when exhausted. */
    boolean next();

    /** Advances to the first sample with timestamp &gt;= t (never moves backwards); false when none. */
    default boolean seek(long t) {
        if (hasCurrent() && timestamp() >= t) {
            return true;
        }
        while (next()) {
            if (timestamp() >= t) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads up to {@code max} further samples into {@code ts} and {@code vs} from index
     * {@code off}, as that many {@link #next()} calls would; returns how many (0 when
     * exhausted). Which sample is current afterwards is unspecified: read on with this method
     * or {@link #next()}. A cursor over arrays copies them in bulk.
     */
    default int next(long[] ts, double[] vs, int off, int max) {
        int n = 0;
        while (n < max && next()) {
            ts[off + n] = timestamp();
            vs[off + n] = value();
            n++;
        }
        return n;
    }

    /** Whether a current sample exists (after a successful next or seek). */
    boolean hasCurrent();

    /** Milliseconds since the epoch. */
    long timestamp();

    double value();
}
