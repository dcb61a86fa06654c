package dev.hindsight.storage.rollup;

/** Receives buckets as they close. */
@FunctionalInterface
public interface BucketSink {
    void emit(RollupBucket bucket);
}
