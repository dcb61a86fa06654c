package dev.hindsight.bench.compare;

import java.util.Map;

/** One store under test, running on loopback with its data under the harness's directory. */
interface Peer extends AutoCloseable {
    /** Display name ({@code Hindsight}, {@code Prometheus}, {@code VictoriaMetrics}). */
    String name();

    String version();

    /** Base URL of its Prometheus-compatible HTTP API. */
    String baseUrl();

    /** Seconds its bulk path took to make the dataset queryable. */
    double ingestSeconds();

    /** Bytes on disk per component after loading (and compaction where the store does it). */
    Map<String, Long> disk();

    /** How ingest and disk were measured, for the report. */
    String notes();

    long pid();

    @Override
    void close();
}
