package dev.hindsight.server.http;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.parser.QueryParser;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Request parameters as Prometheus reads them: the URL query and, for a form POST, the body,
 * merged (body first). Times are unix seconds (fractions allowed) or RFC 3339; durations are
 * Prometheus durations or seconds. Bad values throw {@link ApiException} with Prometheus's
 * wording ({@code invalid parameter "start": ...}).
 */
public final class Params {
    /** Prometheus's minimum and maximum time, as its API uses for "no bound". */
    public static final long MIN_TIME_MS = -9_223_372_036_854L;
    public static final long MAX_TIME_MS = 9_223_372_036_854L;

    private final Map<String, Deque<String>> query;
    private final Map<String, List<String>> form;

    private Params(Map<String, Deque<String>> query, Map<String, List<String>> form) {
        this.query = query;
        this.form = form;
    }

    /** Reads the parameters; the exchange must be in blocking mode. */
    public static Params of(HttpServerExchange ex) {
        Map<String, List<String>> form = Map.of();
        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (ex.getRequestMethod().equals(Methods.POST) && type != null
            && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            form = Bodies.form(Bodies.read(ex));
        }
        return new Params(ex.getQueryParameters(), form);
    }

    /** The first value of a parameter, or null. */
    public String get(String name) {
        List<String> f = form.get(name);
        if (f != null && !f.isEmpty()) {
            return f.get(0);
        }
        Deque<String> q = query.get(name);
        return q == null || q.isEmpty() ? null : q.getFirst();
    }

    /** Every value of a repeated parameter ({@code match[]}), body first. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        out.addAll(form.getOrDefault(name, List.of()));
        Deque<String> q = query.get(name);
        if (q != null) {
            out.addAll(q);
        }
        return out;
    }

    /** A time parameter in ms, or the default when absent or empty. */
    public long time(String name, long dflt) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        return parseTime(name, v);
    }

    public static long parseTime(String name, String v) {
        try {
            // exponent forms (1.7e9) are numbers, as Go's ParseFloat reads them; Java's 1d/1f/NaN are not
            double d = Double.parseDouble(v);
            if (!Double.isNaN(d) && !Double.isInfinite(d) && !v.matches(".*[a-df-zA-DF-Z].*")) {
                return Math.round(d * 1000);
            }
        } catch (NumberFormatException ignored) {
            // try RFC 3339
        }
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badData("invalid parameter \"" + name + "\": cannot parse \"" + v
                + "\" to a valid timestamp");
        }
    }

    /** A duration parameter in ms, or the default when absent or empty. */
    public long duration(String name, long dflt) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return QueryParser.parseDuration(v);
        } catch (QueryException e) {
            throw ApiException.badData("invalid parameter \"" + name + "\": cannot parse \"" + v
                + "\" to a valid duration");
        }
    }

    /** A non-negative whole number parameter, or the default. */
    public long number(String name, long dflt) {
        String v = get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw ApiException.badData("invalid parameter \"" + name + "\": must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badData("invalid parameter \"" + name + "\": cannot parse \"" + v + "\" to a number");
        }
    }

    public boolean flag(String name) {
        String v = get(name);
        return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
    }
}
