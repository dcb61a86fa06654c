package dev.hindsight.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.server.http.HttpErrors;
import dev.hindsight.server.http.Json;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.util.List;

/**
 * Prometheus's JSON envelope: {@code {"status":"success","data":...,"warnings":[...]}} or
 * {@code {"status":"error","errorType":"bad_data","error":"..."}}. Errors carry the query
 * position (when known) in an extra {@code position} object that Prometheus clients ignore.
 */
public final class Envelope {
    /** Writes the {@code data} value. */
    @FunctionalInterface
    public interface Data {
        void write(JsonGenerator g) throws IOException;
    }

    private Envelope() {
    }

    public static void success(HttpServerExchange ex, List<String> warnings, Data data) throws IOException {
        try (JsonGenerator g = Json.start(ex, 200)) {
            g.writeStartObject();
            g.writeStringField("status", "success");
            g.writeFieldName("data");
            data.write(g);
            if (!warnings.isEmpty()) {
                g.writeArrayFieldStart("warnings");
                for (String w : warnings) {
                    g.writeString(w);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    public static void error(HttpServerExchange ex, HttpErrors.ApiError e) throws IOException {
        try (JsonGenerator g = Json.start(ex, e.status())) {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("errorType", e.errorType());
            g.writeStringField("error", e.message());
            if (e.position().isKnown()) {
                g.writeObjectFieldStart("position");
                g.writeNumberField("start", e.position().start());
                g.writeNumberField("end", e.position().end());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
