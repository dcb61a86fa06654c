package dev.hindsight.storage.select;

import java.util.List;

/**
 * The answer to a selection: the matching series and the resolution that serves them.
 *
 * @param series         matching series, in no particular order unless {@code sortedByLabels}
 * @param resolutionMs   0 when raw samples were returned, else the rollup bucket width
 * @param aggregate      the aggregate each sample carries ({@link Aggregate#RAW} for raw data)
 * @param sortedByLabels whether {@code series} are in ascending label order (a reader that wants
 *                       them so need not sort them again)
 */
public record SeriesSet(List<Series> series, long resolutionMs, Aggregate aggregate, boolean sortedByLabels) {
    /** Series in no particular order. */
    public SeriesSet(List<Series> series, long resolutionMs, Aggregate aggregate) {
        this(series, resolutionMs, aggregate, false);
    }

    /** Raw samples, series in no particular order. */
    public static SeriesSet raw(List<Series> series) {
        return new SeriesSet(series, 0, Aggregate.RAW);
    }
}
