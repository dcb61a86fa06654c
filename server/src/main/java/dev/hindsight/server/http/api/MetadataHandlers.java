package dev.hindsight.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.query.ast.Expr;
import dev.hindsight.query.ast.VectorSelector;
import dev.hindsight.query.parser.QueryParser;
import dev.hindsight.server.http.ApiException;
import dev.hindsight.server.http.Params;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.MetricCatalog;
import dev.hindsight.storage.series.MetricInfo;
import dev.hindsight.storage.store.Store;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels}, {@code /api/v1/label/<name>/values} and
 * {@code /api/v1/metadata}. The store's label index has no time per series, so {@code start}
 * and {@code end} are validated but every matching series counts. {@code limit} (and, for
 * series, the configured cap) truncates the answer and adds a warning, as Prometheus does.
 */
public final class MetadataHandlers {
    static final String TRUNCATED = "results truncated due to limit";

    private final Store store;
    private final QueryGate gate;
    private final int maxSeries;

    public MetadataHandlers(Store store, QueryGate gate, int maxSeries) {
        this.store = store;
        this.gate = gate;
        this.maxSeries = maxSeries;
    }

    public ApiHandler series() {
        return new ApiHandler(this::series);
    }

    public ApiHandler labels() {
        return new ApiHandler(this::labels);
    }

    public ApiHandler metadata() {
        return new ApiHandler(this::metadata);
    }

    /** Values of the label named by the path {@code /api/v1/label/<name>/values}. */
    public ApiHandler labelValues() {
        return new ApiHandler((ex, p) -> {
            String rel = ex.getRelativePath();
            String name = rel.startsWith("/") ? rel.substring(1) : rel;
            if (!name.endsWith("/values")) {
                throw ApiException.notFound("unknown API path " + ex.getRequestPath());
            }
            name = name.substring(0, name.length() - "/values".length());
            labelValues(ex, p, name);
        });
    }

    private void series(HttpServerExchange ex, Params p) throws IOException {
        List<String> matches = p.all("match[]");
        if (matches.isEmpty()) {
            throw ApiException.badData("no match[] parameter provided");
        }
        long[] range = range(p);
        long limit = effectiveLimit(p, maxSeries);
        TreeSet<Labels> found = new TreeSet<>();
        boolean truncated = false;
        try (QueryGate.Slot s = gate.acquire()) {
            for (String m : matches) {
                found.addAll(store.seriesLabels(selector(m), range[0], range[1]));
            }
        }
        List<Labels> out = new ArrayList<>(found);
        if (out.size() > limit) {
            out = out.subList(0, (int) limit);
            truncated = true;
        }
        List<Labels> answer = out;
        Envelope.success(ex, truncated ? List.of(TRUNCATED) : List.of(), g -> {
            g.writeStartArray();
            for (Labels l : answer) {
                g.writeStartObject();
                QueryHandlers.writeLabels(g, l);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private void labels(HttpServerExchange ex, Params p) throws IOException {
        long[] range = range(p);
        List<String> names = new ArrayList<>(new TreeSet<>(union(p, m -> store.labelNames(m, range[0], range[1]))));
        writeStrings(ex, names, effectiveLimit(p, Long.MAX_VALUE));
    }

    private void labelValues(HttpServerExchange ex, Params p, String name) throws IOException {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw ApiException.badData("invalid label name: \"" + name + "\"");
        }
        long[] range = range(p);
        List<String> values = new ArrayList<>(new TreeSet<>(union(p, m -> store.labelValues(name, m, range[0], range[1]))));
        writeStrings(ex, values, effectiveLimit(p, Long.MAX_VALUE));
    }

    private void metadata(HttpServerExchange ex, Params p) throws IOException {
        String metric = p.get("metric");
        long limit = effectiveLimit(p, Long.MAX_VALUE);
        List<MetricInfo> infos = new ArrayList<>();
        for (MetricInfo i : MetricCatalog.all()) {
            if ((metric == null || metric.isEmpty() || metric.equals(i.name())) && infos.size() < limit) {
                infos.add(i);
            }
        }
        Envelope.success(ex, List.of(), g -> {
            g.writeStartObject();
            for (MetricInfo i : infos) {
                g.writeArrayFieldStart(i.name());
                g.writeStartObject();
                g.writeStringField("type", i.type().promName());
                g.writeStringField("help", i.help());
                g.writeStringField("unit", i.unit());
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private interface Lookup {
        List<String> find(List<LabelMatcher> matchers);
    }

    private List<String> union(Params p, Lookup lookup) {
        List<String> matches = p.all("match[]");
        if (matches.isEmpty()) {
            return lookup.find(List.of());
        }
        List<String> out = new ArrayList<>();
        for (String m : matches) {
            out.addAll(lookup.find(selector(m)));
        }
        return out;
    }

    /** Parses a {@code match[]} value; it must be a plain series selector. */
    static List<LabelMatcher> selector(String text) {
        Expr e = QueryParser.parse(text);
        if (!(e instanceof VectorSelector vs)) {
            throw ApiException.badData("invalid parameter \"match[]\": 1:1: parse error: expected type instant vector "
                + "selector in match[], got " + e.type().name().toLowerCase(java.util.Locale.ROOT));
        }
        return vs.matchers();
    }

    /** {@code start} and {@code end} (all time when absent): series without samples in it are left out. */
    private static long[] range(Params p) {
        long start = p.time("start", Params.MIN_TIME_MS);
        long end = p.time("end", Params.MAX_TIME_MS);
        if (end < start) {
            throw ApiException.badData("end timestamp must not be before start time");
        }
        return new long[] {start, end};
    }

    private static long effectiveLimit(Params p, long cap) {
        long limit = p.number("limit", 0);
        return limit == 0 ? cap : Math.min(limit, cap);
    }

    private static void writeStrings(HttpServerExchange ex, List<String> values, long limit) throws IOException {
        boolean truncated = values.size() > limit;
        List<String> out = truncated ? values.subList(0, (int) limit) : values;
        Envelope.success(ex, truncated ? List.of(TRUNCATED) : List.of(), g -> writeArray(g, out));
    }

    private static void writeArray(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
