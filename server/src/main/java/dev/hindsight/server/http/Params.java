package dev.hindsight.server.http;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.parser.QueryParser;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Methods;
import java.io.IOException;
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

    private static final FormParserFactory FORMS = FormParserFactory.builder(false)
        .addParser(new io.undertow.server.handlers.form.FormEncodedDataDefinition().setDefaultEncoding("UTF-8"))
        .build();

    private final Map<String, Deque<String>> query;
    private final FormData form;

    private Params(Map<String, Deque<String>> query, FormData form) {
        this.query = query;
        this.form = form;
    }

    /** Reads the parameters; the exchange must be in blocking mode. */
    public static Params of(HttpServerExchange ex) {
        FormData form = null;
        if (ex.getRequestMethod().equals(Methods.POST)) {
            FormDataParser parser = FORMS.createParser(ex);
            if (parser != null) {
                try {
                    form = parser.parseBlocking();
                } catch (IOException e) {
                    throw e instanceof io.undertow.server.RequestTooBigException
                        ? new ApiException(ApiException.Reason.TOO_LARGE, "request body too large")
                        : ApiException.badData("cannot read form body: " + e.getMessage());
                }
            }
        }
        return new Params(ex.getQueryParameters(), form);
    }

    /** The first value of a parameter, or null. */
    public String get(String name) {
        if (form != null && form.getFirst(name) != null && !form.getFirst(name).isFileItem()) {
            return form.getFirst(name).getValue();
        }
        Deque<String> q = query.get(name);
        return q == null || q.isEmpty() ? null : q.getFirst();
    }

    /** Every value of a repeated parameter ({@code match[]}), body first. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        if (form != null && form.get(name) != null) {
            form.get(name).forEach(v -> out.add(v.getValue()));
        }
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
            double d = Double.parseDouble(v);
            if (!Double.isNaN(d) && !Double.isInfinite(d) && !v.matches(".*[a-zA-Z].*")) {
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
