package dev.hindsight.storage.select;

/**
 * What the query engine will do with a selection, so the store can pick a resolution.
 *
 * @param start     first timestamp (ms, inclusive) samples are needed for
 * @param end       last timestamp (ms, inclusive)
 * @param stepMs    evaluation step of the query (0 for an instant query)
 * @param rangeMs   range of the enclosing range selector (0 for an instant selector)
 * @param aggregate which aggregate the function needs; {@link Aggregate#RAW} forces raw data
 */
public record SelectHints(long start, long end, long stepMs, long rangeMs, Aggregate aggregate) {
    public static SelectHints raw(long start, long end) {
        return new SelectHints(start, end, 0, 0, Aggregate.RAW);
    }
}
