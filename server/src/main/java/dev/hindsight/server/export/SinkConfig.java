package dev.hindsight.server.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One validated sink of the {@code remote_write:} list or the {@code influxdb:} section.
 *
 * @param name            sink name for /metrics and the tailer (default: derived from the url)
 * @param kind            the wire protocol
 * @param url             where batches are POSTed (for InfluxDB: the full write URL with its query)
 * @param externalLabels  labels added to every series that lacks them, before relabelling
 * @param relabel         {@code write_relabel_configs}, applied in order
 * @param maxSamplesPerSend a batch ends at the first record boundary at or past this many samples
 * @param batchDeadlineMs  a non-empty batch is sent after waiting this long for more
 * @param minBackoffMs    first retry delay, doubled per retry up to {@code maxBackoffMs}
 * @param timeoutMs       HTTP request timeout ({@code remote_timeout})
 * @param retryOn429      retry (rather than drop) on 429 Too Many Requests
 * @param headers         extra request headers (including Authorization from the auth settings)
 * @param tls             client TLS settings or null
 */
public record SinkConfig(String name, Kind kind, String url, Map<String, String> externalLabels,
                         List<RelabelRule> relabel, int maxSamplesPerSend, long batchDeadlineMs,
                         long minBackoffMs, long maxBackoffMs, long timeoutMs, boolean retryOn429,
                         Map<String, String> headers, Tls tls) {

    /** Wire protocols. */
    public enum Kind { REMOTE_WRITE, INFLUX_V1, INFLUX_V2 }

    /**
     * Prometheus {@code tls_config}: a CA to trust and the SNI name. Client certificates are
     * refused by the parser (not supported yet). {@code insecure_skip_verify} trusts any
     * certificate chain; the JDK client still checks the host name against it.
     */
    public record Tls(Path caFile, Path certFile, Path keyFile, String serverName, boolean insecureSkipVerify) {
    }

    public SinkConfig {
        externalLabels = Map.copyOf(externalLabels);
        relabel = List.copyOf(relabel);
        headers = Map.copyOf(headers);
    }

    /** The same sink with another batch size and deadline (tests). */
    public SinkConfig withBatching(int maxSamples, long deadlineMs) {
        return new SinkConfig(name, kind, url, externalLabels, relabel, maxSamples, deadlineMs, minBackoffMs,
            maxBackoffMs, timeoutMs, retryOn429, headers, tls);
    }

    /** The same sink with other retry delays (tests). */
    public SinkConfig withBackoff(long minMs, long maxMs) {
        return new SinkConfig(name, kind, url, externalLabels, relabel, maxSamplesPerSend, batchDeadlineMs, minMs,
            maxMs, timeoutMs, retryOn429, headers, tls);
    }
}
