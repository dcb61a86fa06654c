/**
 * Raw blocks: for each finished roll cycle of the raw log a sidecar file ({@code <cycle>.hrs})
 * holding the cycle's samples series by series, each series' timestamps and values compressed
 * (delta-of-delta times, XOR or scaled-integer values; {@link dev.hindsight.storage.rawblock.SeriesEncoder}),
 * with a directory from series id to its bytes. A raw read of a finished cycle decodes only the
 * selected series from its block instead of reading the cycle's records from the log
 * ({@link dev.hindsight.storage.rawblock.RawBlocks}). See {@code storage/docs/format/raw-block.md}.
 */
package dev.hindsight.storage.rawblock;
