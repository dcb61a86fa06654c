package dev.hindsight.server.http.api;

import java.util.List;

/**
 * {@code /api/v1/status/buildinfo}, {@code /api/v1/format_query}, and the endpoints Hindsight
 * has nothing for but Grafana asks: {@code /api/v1/query_exemplars}, {@code /api/v1/rules},
 * {@code /api/v1/alerts} (all empty).
 * Buildinfo reports the Prometheus API level Hindsight implements (2.42, what Grafana keys
 * its features on) and names Hindsight and its version in {@code revision}.
 */
public final class InfoHandlers {
    /** The Prometheus release whose HTTP API this server follows. */
    public static final String PROMETHEUS_API_VERSION = "2.42.0";

    private InfoHandlers() {
    }

    public static ApiHandler buildInfo(String hindsightVersion) {
        return new ApiHandler((ex, p) -> Envelope.success(ex, List.of(), g -> {
            g.writeStartObject();
            g.writeStringField("version", PROMETHEUS_API_VERSION);
            g.writeStringField("revision", "hindsight-" + hindsightVersion);
            g.writeStringField("branch", "");
            g.writeStringField("buildUser", "");
            g.writeStringField("buildDate", "");
            g.writeStringField("goVersion", "java" + Runtime.version().feature());
            g.writeEndObject();
        }));
    }

    /** {@code format_query}: the query printed back in Prometheus's canonical form. */
    public static ApiHandler formatQuery() {
        return new ApiHandler((ex, p) -> {
            String q = p.get("query");
            if (q == null) {
                throw dev.hindsight.server.http.ApiException.badData("invalid parameter \"query\": missing");
            }
            String formatted = dev.hindsight.query.parser.QueryParser.parse(q).toString();
            Envelope.success(ex, List.of(), g -> g.writeString(formatted));
        });
    }

    /** {@code rules} and {@code alerts}: Hindsight evaluates no rules, so the lists are empty. */
    public static ApiHandler emptyList(String field) {
        return new ApiHandler((ex, p) -> Envelope.success(ex, List.of(), g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(field);
            g.writeEndArray();
            g.writeEndObject();
        }));
    }

    public static ApiHandler exemplars() {
        return new ApiHandler((ex, p) -> Envelope.success(ex, List.of(), g -> {
            g.writeStartArray();
            g.writeEndArray();
        }));
    }
}
