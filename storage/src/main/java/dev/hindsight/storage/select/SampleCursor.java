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

    /** Whether a current sample exists (after a successful next or seek). */
    boolean hasCurrent();

    /** Milliseconds since the epoch. */
    long timestamp();

    double value();
}
