package dev.hindsight.query.repl;

import dev.hindsight.query.engine.QueryResult;
import java.util.List;

/** A backend that forwards to another; tests override single methods. */
class ForwardingBackend implements ReplBackend {
    private final ReplBackend d;

    ForwardingBackend(ReplBackend delegate) {
        this.d = delegate;
    }

    @Override
    public QueryResult instant(String query, long timeMs) {
        return d.instant(query, timeMs);
    }

    @Override
    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        return d.range(query, startMs, endMs, stepMs);
    }

    @Override
    public List<String> metricNames() {
        return d.metricNames();
    }

    @Override
    public List<String> labelNames(String metric) {
        return d.labelNames(metric);
    }

    @Override
    public List<String> labelValues(String name, String metric) {
        return d.labelValues(name, metric);
    }

    @Override
    public String describe() {
        return d.describe();
    }

    @Override
    public void close() {
        d.close();
    }
}
