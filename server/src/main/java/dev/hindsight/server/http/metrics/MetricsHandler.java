package dev.hindsight.server.http.metrics;

import dev.hindsight.server.http.SelfMetrics;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.series.MetricCatalog;
import dev.hindsight.storage.series.MetricInfo;
import dev.hindsight.storage.store.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /metrics}: the latest sample of every series that has one within
 * {@link #FRESH_MS} of the newest data, grouped by metric name with cAdvisor's names, help
 * and types, then the agent's own metrics ({@link SelfMetrics}, which include the store's). Written line by line to the
 * response stream (text format 0.0.4, or OpenMetrics when {@code Accept} asks). Samples
 * carry no timestamp: the scraper stamps them, as for cAdvisor's live values.
 */
public final class MetricsHandler implements HttpHandler {
    /** How recent a series' last sample must be to count as current. */
    static final long FRESH_MS = 30_000;
    private static final List<LabelMatcher> ALL = List.of(LabelMatcher.of(LabelMatcher.Op.RE, Labels.METRIC_NAME, ".+"));

    private final Store store;
    private final SelfMetrics self;

    public MetricsHandler(Store store, SelfMetrics self) {
        this.store = store;
        this.self = self;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        boolean om = MetricsWriter.wantsOpenMetrics(ex.getRequestHeaders().getFirst(Headers.ACCEPT));
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, om ? MetricsWriter.OPENMETRICS_TYPE : MetricsWriter.TEXT_TYPE);
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(ex.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        MetricsWriter out = new MetricsWriter(w, om);
        writeSeries(out);
        self.write(out);
        out.finish();
    }

    private void writeSeries(MetricsWriter out) {
        long newest = store.newestTimestamp();
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long from = newest - FRESH_MS;
        Map<String, List<Series>> byName = new TreeMap<>();
        for (Series s : store.select(ALL, SelectHints.raw(from, newest)).series()) {
            byName.computeIfAbsent(s.labels().metricName(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<Series>> e : byName.entrySet()) {
            List<Series> list = e.getValue();
            list.sort((a, b) -> a.labels().compareTo(b.labels()));
            boolean started = false;
            for (Series s : list) {
                SampleCursor c = s.cursor();
                boolean any = false;
                double v = 0;
                while (c.next()) {
                    v = c.value();
                    any = true;
                }
                if (!any) {
                    continue;
                }
                if (!started) {
                    Optional<MetricInfo> info = MetricCatalog.metadata(e.getKey());
                    out.family(e.getKey(), info.map(i -> i.type().promName()).orElse("untyped"),
                        info.map(MetricInfo::help).orElse(""));
                    started = true;
                }
                Labels l = s.labels();
                out.beginSample(e.getKey());
                for (int i = 0; i < l.size(); i++) {
                    if (!l.name(i).equals(Labels.METRIC_NAME)) {
                        out.label(l.name(i), l.value(i));
                    }
                }
                out.endSample(v);
            }
        }
    }
}
