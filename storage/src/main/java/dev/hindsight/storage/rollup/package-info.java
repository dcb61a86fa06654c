/**
 * Downsampled rollups: pure per-series bucket accumulators (count, sum, min, max, last and a
 * reset-adjusted counter increase, the Thanos aggregate set), one Chronicle Queue of closed
 * buckets per resolution, and a checkpoint so a restarted writer neither double counts nor
 * misses a bucket. Format: storage/docs/format/rollup-bucket.md.
 */
package dev.hindsight.storage.rollup;
