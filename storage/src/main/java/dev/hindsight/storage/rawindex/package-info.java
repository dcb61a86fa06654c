/**
 * The raw log's index: for each finished roll cycle of the raw log a sidecar file
 * ({@code <cycle>.hri}) listing, per container, the queue positions and timestamps of that
 * container's sample records, so that a raw read of a few containers moves straight to their
 * records instead of reading every record of the range
 * ({@link dev.hindsight.storage.rawindex.RawIndex}). See {@code storage/docs/format/raw-index.md}.
 */
package dev.hindsight.storage.rawindex;
