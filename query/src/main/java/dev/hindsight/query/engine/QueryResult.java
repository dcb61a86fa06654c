package dev.hindsight.query.engine;

import java.util.List;

/**
 * The outcome of a successful query: the value, plus the count of samples the evaluation
 * touched at its peak step, and any warnings (never errors: those are thrown as
 * {@link dev.hindsight.query.QueryException}).
 */
public record QueryResult(Value value, long peakSamples, List<String> warnings) {
    public QueryResult {
        warnings = List.copyOf(warnings);
    }
}
