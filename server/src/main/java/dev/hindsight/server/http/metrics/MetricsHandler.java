package dev.hindsight.server.http.metrics;

import dev.hindsight.server.http.SelfMetrics;
import dev.hindsight.storage.store.Store;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * {@code /metrics}: the latest sample of every series that has one within
 * {@link #FRESH_MS} of the newest data, grouped by metric name with cAdvisor's names, help
 * and types, then the agent's own metrics ({@link SelfMetrics}, which include the store's). Written
 * through a 64 KiB buffer to the response stream (text format 0.0.4, or OpenMetrics when
 * {@code Accept} asks). Samples carry no timestamp: the scraper stamps them, as for cAdvisor's
 * live values. The order and the rendered label blocks are kept between scrapes
 * ({@link ExpositionLayout}) while no new series appear.
 */
public final class MetricsHandler implements HttpHandler {
    /** How recent a series' last sample must be to count as current (from the newest sample stored). */
    static final long FRESH_MS = 30_000;

    private final Store store;
    private final SelfMetrics self;
    /** The layout of the last scrape; replaced (never changed) when the series set changes. */
    private volatile ExpositionLayout layout = ExpositionLayout.EMPTY;

    public MetricsHandler(Store store, SelfMetrics self) {
        this.store = store;
        this.self = self;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        boolean om = MetricsWriter.wantsOpenMetrics(ex.getRequestHeaders().getFirst(Headers.ACCEPT));
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, om ? MetricsWriter.OPENMETRICS_TYPE : MetricsWriter.TEXT_TYPE);
        MetricsWriter out = new MetricsWriter(ex.getOutputStream(), om);
        writeSeries(out);
        self.write(out);
        out.finish();
    }

    private void writeSeries(MetricsWriter out) {
        long newest = store.newestTimestamp();
        if (newest == Long.MIN_VALUE) {
            return;
        }
        ExpositionLayout l = layout;
        long reused = store.reusedSeriesIds(); // read before the label sets, so a later reuse forces the next rebuild
        LatestValues current = new LatestValues(l, store.seriesCount());
        store.forEachLatest(newest - FRESH_MS, current);
        if (!current.allHeld() || l.reusedIds() != reused) {
            l = ExpositionLayout.build(current.labelsById(store), l, reused);
            layout = l;
        }
        for (int f = 0; f < l.familyCount(); f++) {
            boolean started = false;
            int end = l.familyStart(f + 1);
            for (int p = l.familyStart(f); p < end; p++) {
                int id = l.seriesAt(p);
                if (!current.has(id)) {
                    continue;
                }
                if (!started) {
                    out.family(l.name(f), l.type(f), l.help(f));
                    started = true;
                }
                out.sample(l.prefixAt(p), current.value(id));
            }
        }
    }
}
