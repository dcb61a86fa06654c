package dev.hindsight.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
        }
        String s = Double.toString(v);
        return s.indexOf('E') >= 0 ? new BigDecimal(s).toPlainString() : s;
    }

    /**
     * A timestamp in ms as Prometheus's unix seconds with up to millisecond decimals
     * ({@code 1435781451.781}, trailing zeros dropped). Built in a small char array: it is
     * written once per point of every query answer.
     */
    public static void writeUnixSeconds(JsonGenerator g, long ms) throws IOException {
        long abs = Math.abs(ms);
        long secs = abs / 1000;
        int frac = (int) (abs % 1000);
        char[] b = new char[24];
        int end = b.length;
        if (frac != 0) {
            int digits = frac % 100 == 0 ? 1 : frac % 10 == 0 ? 2 : 3;
            for (int i = 0, div = 100; i < digits; i++, div /= 10) {
                b[end - digits + i] = (char) ('0' + frac / div % 10);
            }
            end -= digits;
            b[--end] = '.';
        }
        do {
            b[--end] = (char) ('0' + (int) (secs % 10));
            secs /= 10;
        } while (secs != 0);
        if (ms < 0) {
            b[--end] = '-';
        }
        g.writeNumber(b, end, b.length - end);
    }

    /** RFC 3339 with nanoseconds where present, as Go's {@code time.Time} marshals. */
    public static String rfc3339(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
