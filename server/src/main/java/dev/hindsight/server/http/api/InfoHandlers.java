package dev.hindsight.server.http.api;

import java.util.List;

/**
 * {@code /api/v1/status/buildinfo} and {@code /api/v1/query_exemplars} (always empty).
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

    public static ApiHandler exemplars() {
        return new ApiHandler((ex, p) -> Envelope.success(ex, List.of(), g -> {
            g.writeStartArray();
            g.writeEndArray();
        }));
    }
}
