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

    /** A Prometheus sample value: Go's shortest decimal, or {@code NaN}, {@code +Inf}, {@code -Inf}. */
    public static String promValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        if (s.indexOf('E') >= 0) {
            double a = Math.abs(v);
            if (a >= 1e21 || a < 1e-4) {
                return goExponent(s);
            }
            s = new BigDecimal(s).toPlainString();
        }
        return s;
    }

    /** Java's {@code 1.5E-7} as Go writes it: {@code 1.5e-07}. */
    private static String goExponent(String s) {
        int e = s.indexOf('E');
        String mant = s.substring(0, e);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        String exp = s.substring(e + 1);
        String sign = exp.startsWith("-") ? "-" : "+";
        String digits = exp.startsWith("-") ? exp.substring(1) : exp;
        return mant + "e" + sign + (digits.length() < 2 ? "0" + digits : digits);
    }

    /** A timestamp in ms as Prometheus's unix seconds with up to millisecond decimals ({@code 1435781451.781}). */
    public static void writeUnixSeconds(JsonGenerator g, long ms) throws IOException {
        long s = Math.floorDiv(ms, 1000);
        int frac = (int) Math.floorMod(ms, 1000);
        if (frac == 0) {
            g.writeNumber(s);
            return;
        }
        String f = String.format("%03d", frac);
        while (f.endsWith("0")) {
            f = f.substring(0, f.length() - 1);
        }
        g.writeNumber(s + "." + f);
    }

    /** RFC 3339 with nanoseconds where present, as Go's {@code time.Time} marshals. */
    public static String rfc3339(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}
