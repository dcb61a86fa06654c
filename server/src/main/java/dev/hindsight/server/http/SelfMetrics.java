package dev.hindsight.server.http;

import dev.hindsight.server.http.metrics.MetricsWriter;

/**
 * The agent's own health metrics (samples written and dropped, collection duration, errors
 * by kind), written after the container series at {@code /metrics}. Called on an HTTP worker
 * thread for every scrape; implementations read counters, never block.
 */
@FunctionalInterface
public interface SelfMetrics {
    SelfMetrics NONE = out -> { };

    /** Writes each metric family: {@link MetricsWriter#family} once, then its samples. */
    void write(MetricsWriter out);
}
