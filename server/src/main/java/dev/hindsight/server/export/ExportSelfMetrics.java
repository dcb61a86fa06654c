package dev.hindsight.server.export;

import dev.hindsight.server.http.SelfMetrics;
import dev.hindsight.server.http.metrics.MetricsWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Export state at /metrics: per sink, labelled {@code name} and {@code url}. Reads counters only. */
final class ExportSelfMetrics implements SelfMetrics {
    private final List<ExportLoop> loops;

    ExportSelfMetrics(List<ExportLoop> loops) {
        this.loops = loops;
    }

    @Override
    public void write(MetricsWriter out) {
        if (loops.isEmpty()) {
            return;
        }
        family(out, "hindsight_export_samples_sent_total", "counter", "Samples the receiver acknowledged.",
            c -> c.sent, 1);
        family(out, "hindsight_export_samples_failed_total", "counter",
            "Samples the receiver refused with a 4xx (not resent).", c -> c.failed, 1);
        family(out, "hindsight_export_samples_retried_total", "counter",
            "Samples sent again after a 5xx, 429 or network error.", c -> c.retried, 1);
        family(out, "hindsight_export_samples_dropped_total", "counter",
            "Samples not sent: dropped by relabelling, unknown container, or not encodable.", c -> c.dropped, 1);
        family(out, "hindsight_export_requests_succeeded_total", "counter", "Requests acknowledged with a 2xx.",
            c -> c.batches, 1);
        family(out, "hindsight_export_retention_gaps_total", "counter",
            "Restarts whose resume position retention had deleted: records lost before they were sent.",
            c -> c.retentionGaps, 1);
        family(out, "hindsight_export_restarts_total", "counter",
            "Unexpected errors after which the sink started over from its acknowledged position.", c -> c.restarts, 1);
        family(out, "hindsight_export_lag_seconds", "gauge",
            "How far the newest acknowledged sample is behind the newest record read.", c -> c.lagMillis, 1e-3);
        family(out, "hindsight_export_last_success_timestamp_seconds", "gauge",
            "When a request was last acknowledged.", c -> c.lastSuccessMs, 1e-3);
    }

    private void family(MetricsWriter out, String name, String type, String help,
                        Function<ExportCounters, AtomicLong> field, double scale) {
        out.family(name, type, help);
        for (ExportLoop l : loops) {
            out.sample(name, field.apply(l.counters()).get() * scale, "name", l.config().name(), "url",
                redacted(l.config().url()));
        }
    }

    /** The URL without user info (a password in the URL must not reach /metrics). */
    static String redacted(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme + 3);
        if (scheme > 0 && at > scheme && (slash < 0 || at < slash)) {
            return url.substring(0, scheme + 3) + url.substring(at + 1);
        }
        return url;
    }
}
