package dev.hindsight.storage.select;

import java.util.List;

/**
 * The answer to a selection: the matching series and the resolution that serves them.
 *
 * @param series       matching series, in no particular order
 * @param resolutionMs 0 when raw samples were returned, else the rollup bucket width
 * @param aggregate    the aggregate each sample carries ({@link Aggregate#RAW} for raw data)
 */
public record SeriesSet(List<Series> series, long resolutionMs, Aggregate aggregate) {
    public static SeriesSet raw(List<Series> series) {
        return new SeriesSet(series, 0, Aggregate.RAW);
    }
}
