package dev.hindsight.storage.select;

import java.util.List;

/**
 * The storage's selection API: what the query engine and the HTTP API read through.
 * Implementations must be safe to call from several query threads at once.
 */
public interface SeriesSource {
    /** Series whose labels satisfy every matcher, with samples in [hints.start, hints.end]. */
    SeriesSet select(List<LabelMatcher> matchers, SelectHints hints);

    /** Sorted label names of series matching the matchers (all series when empty) in the range. */
    List<String> labelNames(List<LabelMatcher> matchers, long start, long end);

    /** Sorted values of one label among series matching the matchers in the range. */
    List<String> labelValues(String name, List<LabelMatcher> matchers, long start, long end);
}
