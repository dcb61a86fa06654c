package dev.hindsight.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hindsight.query.engine.Value;
import java.io.IOException;

/**
 * Lives in the benchmarks module, in the server's API package, so that the JSON encoding
 * benchmark times the very code that writes {@code /api/v1/query} results
 * ({@code QueryHandlers.writeResult}, package-private) without an HTTP exchange around it.
 */
public final class BenchAccess {
    private BenchAccess() {
    }

    /** Writes a query result's {@code data} object as the query API does. */
    public static void writeResult(JsonGenerator g, Value value) throws IOException {
        QueryHandlers.writeResult(g, value);
    }
}
