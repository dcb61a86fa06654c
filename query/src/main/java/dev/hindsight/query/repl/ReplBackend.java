package dev.hindsight.query.repl;

import dev.hindsight.query.engine.QueryResult;
import java.util.List;

/**
 * Where the REPL's queries and completions come from: a store opened on a data directory, or a
 * running server. Query errors are thrown as {@link dev.hindsight.query.QueryException} (with a
 * position when known); a backend that cannot be reached throws {@link BackendException}.
 */
public interface ReplBackend extends AutoCloseable {
    /** Evaluates {@code query} at {@code timeMs}. */
    QueryResult instant(String query, long timeMs);

    /** Evaluates {@code query} at every step from start to end (ms, inclusive). */
    QueryResult range(String query, long startMs, long endMs, long stepMs);

    /** Sorted metric names (values of {@code __name__}). */
    List<String> metricNames();

    /** Sorted label names, of series of {@code metric} when not null, else of all series. */
    List<String> labelNames(String metric);

    /** Sorted values of label {@code name}, among series of {@code metric} when not null. */
    List<String> labelValues(String name, String metric);

    /** One line saying what this backend reads, for the banner ("http://127.0.0.1:8080"). */
    String describe();

    /** Newest sample time the backend knows of, or {@link Long#MIN_VALUE} when unknown. */
    default long newestSampleMs() {
        return Long.MIN_VALUE;
    }

    @Override
    void close();
}
