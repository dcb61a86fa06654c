package dev.hindsight.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Streams JSON answers with Jackson's generator (never a tree) and formats numbers the way
 * Prometheus and cAdvisor clients expect them.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** Status and content type set, a generator over the response body (the exchange must be blocking). */
    public static JsonGenerator start(HttpServerExchange ex, int status) {
        ex.setStatusCode(status);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        try {
            return FACTORY.createGenerator(ex.getOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Prometheus sample value as its API writes it (Go's {@code FormatFloat(v, 'f', -1, 64)}):
     * the shortest decimal that reads back to the same double, never in exponent form; or
     * {@code NaN}, {@code +Inf}, {@code -Inf}.
     */
    public static String promValue(double v) {
        return PointFormat.value(v);
    }

    /**
     * A timestamp in ms as Prometheus's unix seconds with up to millisecond decimals
     * ({@code 1435781451.781}, trailing zeros dropped).
     */
    public static void writeUnixSeconds(JsonGenerator g, long ms) throws IOException {
        g.writeNumber(PointFormat.seconds(ms));
    }

    /** RFC 3339 with nanoseconds where present, as Go's {@code time.Time} marshals. */
    public static String rfc3339(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
