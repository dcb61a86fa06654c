package dev.hindsight.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.server.http.ApiException;
import dev.hindsight.server.http.Json;
import dev.hindsight.server.http.Params;
import dev.hindsight.server.http.PointFormat;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SeriesSource;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/** {@code /api/v1/query} and {@code /api/v1/query_range}, with Prometheus's parameter checks. */
public final class QueryHandlers {
    /** Range answers written on the caller's thread alone. */
    private static final RangePoints SEQUENTIAL = RangePoints.sequential();
    /** Prometheus's cap on points per series of a range query. */
    static final long MAX_POINTS = 11_000;

    private final SeriesSource source;
    private final EngineLimits limits;
    private final QueryGate gate;
    private final LongSupplier clockMs;
    private final RangePoints rangePoints;

    public QueryHandlers(SeriesSource source, EngineLimits limits, QueryGate gate, LongSupplier clockMs,
                         RangePoints rangePoints) {
        this.rangePoints = rangePoints;
        this.source = source;
        this.limits = limits;
        this.gate = gate;
        this.clockMs = clockMs;
    }

    public ApiHandler instant() {
        return new ApiHandler(this::instant);
    }

    public ApiHandler range() {
        return new ApiHandler(this::range);
    }

    private void instant(HttpServerExchange ex, Params p) throws IOException {
        String query = required(p, "query");
        long time = p.time("time", clockMs.getAsLong());
        Engine engine = engine(p);
        QueryResult r;
        try (QueryGate.Slot s = gate.acquire()) {
            r = engine.instant(query, time);
        }
        Envelope.success(ex, r.warnings(), g -> writeResult(g, r.value(), rangePoints));
    }

    private void range(HttpServerExchange ex, Params p) throws IOException {
        String query = required(p, "query");
        long start = p.time("start", Long.MIN_VALUE);
        if (start == Long.MIN_VALUE) {
            throw ApiException.badData("invalid parameter \"start\": cannot parse \"\" to a valid timestamp");
        }
        long end = p.time("end", Long.MIN_VALUE);
        if (end == Long.MIN_VALUE) {
            throw ApiException.badData("invalid parameter \"end\": cannot parse \"\" to a valid timestamp");
        }
        if (end < start) {
            throw ApiException.badData("end timestamp must not be before start time");
        }
        if (p.get("step") == null || p.get("step").isEmpty()) {
            throw ApiException.badData("invalid parameter \"step\": cannot parse \"\" to a valid duration");
        }
        long step = p.duration("step", 0);
        if (step <= 0) {
            throw ApiException.badData("zero or negative query resolution step widths are not accepted. "
                + "Try a positive integer");
        }
        if ((end - start) / step > MAX_POINTS) {
            throw ApiException.badData("exceeded maximum resolution of 11,000 points per timeseries. "
                + "Try decreasing the query resolution (?step=XX)");
        }
        Engine engine = engine(p);
        QueryResult r;
        try (QueryGate.Slot s = gate.acquire()) {
            r = engine.range(query, start, end, step);
        }
        Envelope.success(ex, r.warnings(), g -> writeResult(g, r.value(), rangePoints));
    }

    private static String required(Params p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw ApiException.badData("invalid parameter \"" + name + "\": missing");
        }
        return v;
    }

    /** An engine whose timeout is the smaller of the configured one and the request's {@code timeout}. */
    private Engine engine(Params p) {
        long timeout = p.duration("timeout", 0);
        if (timeout < 0) {
            throw ApiException.badData("invalid parameter \"timeout\": must not be negative");
        }
        EngineLimits l = limits;
        if (timeout > 0 && timeout < limits.timeout().toMillis()) {
            l = limits.withTimeout(Duration.ofMillis(timeout));
        }
        return new Engine(source, l);
    }

    static void writeResult(JsonGenerator g, Value value) throws IOException {
        writeResult(g, value, SEQUENTIAL);
    }

    static void writeResult(JsonGenerator g, Value value, RangePoints rangePoints) throws IOException {
        g.writeStartObject();
        if (value instanceof Vector v) {
            g.writeStringField("resultType", "vector");
            g.writeArrayFieldStart("result");
            for (Vector.Sample s : v.samples()) {
                g.writeStartObject();
                writeMetric(g, s.labels());
                g.writeFieldName("value");
                point(g, s.t(), s.v());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (value instanceof Matrix m) {
            g.writeStringField("resultType", "matrix");
            g.writeArrayFieldStart("result");
            rangePoints.write(g, m.series());
            g.writeEndArray();
        } else if (value instanceof Scalar s) {
            g.writeStringField("resultType", "scalar");
            g.writeFieldName("result");
            point(g, s.t(), s.v());
        } else if (value instanceof StringValue s) {
            g.writeStringField("resultType", "string");
            g.writeFieldName("result");
            point(g, s.t(), s.v());
        }
        g.writeEndObject();
    }

    static void writeMetric(JsonGenerator g, Labels labels) throws IOException {
        g.writeObjectFieldStart("metric");
        writeLabels(g, labels);
        g.writeEndObject();
    }

    static void writeLabels(JsonGenerator g, Labels labels) throws IOException {
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
    }

    /** One point, rendered whole: written as a raw value (Jackson adds the separators). */
    static void point(JsonGenerator g, long t, double v) throws IOException {
        g.writeRawValue(PointFormat.point(t, v));
    }

    private static void point(JsonGenerator g, long t, String v) throws IOException {
        g.writeStartArray();
        Json.writeUnixSeconds(g, t);
        g.writeString(v);
        g.writeEndArray();
    }
}
