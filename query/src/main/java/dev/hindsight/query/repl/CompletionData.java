package dev.hindsight.query.repl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Metric names, label names and values from a backend, kept for {@link #TTL_MS} so that
 * pressing Tab does not ask the server every time. A backend that fails yields no candidates
 * (completion must never disturb typing). Used from the reader's thread only.
 */
final class CompletionData {
    static final long TTL_MS = 30_000;

    private record Entry(List<String> values, long fetchedMs) {
    }

    private final ReplBackend backend;
    private final LongSupplier clockMs;
    private final Map<String, Entry> cache = new HashMap<>();

    CompletionData(ReplBackend backend, LongSupplier clockMs) {
        this.backend = backend;
        this.clockMs = clockMs;
    }

    List<String> metricNames() {
        return cached("metrics", backend::metricNames);
    }

    List<String> labelNames(String metric) {
        return cached("names\0" + metric, () -> backend.labelNames(metric));
    }

    List<String> labelValues(String name, String metric) {
        return cached("values\0" + name + "\0" + metric, () -> backend.labelValues(name, metric));
    }

    private List<String> cached(String key, Supplier<List<String>> fetch) {
        long now = clockMs.getAsLong();
        Entry e = cache.get(key);
        if (e != null && now - e.fetchedMs < TTL_MS) {
            return e.values;
        }
        List<String> values;
        try {
            values = List.copyOf(fetch.get());
        } catch (RuntimeException failed) {
            values = List.of();
        }
        cache.put(key, new Entry(values, now));
        return values;
    }
}
