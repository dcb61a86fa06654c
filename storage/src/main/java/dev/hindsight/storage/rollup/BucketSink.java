package dev.hindsight.storage.rollup;

/**
 * Receives buckets as they close. The accumulators call the primitive {@link #emit(int, long,
 * int, double, double, double, double, double)}; a sink on the ingest path (the rollup queue)
 * overrides it so that closing a bucket allocates nothing, while a lambda over
 * {@link RollupBucket} gets one object per bucket.
 */
@FunctionalInterface
public interface BucketSink {
    void emit(RollupBucket bucket);

    /** One closed bucket as primitives; by default wrapped in a {@link RollupBucket}. */
    default void emit(int seriesId, long startMs, int count, double sum, double min, double max, double last,
                      double counter) {
        emit(new RollupBucket(seriesId, startMs, count, sum, min, max, last, counter));
    }
}
