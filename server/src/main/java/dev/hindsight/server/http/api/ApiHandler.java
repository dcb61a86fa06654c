package dev.hindsight.server.http.api;

import dev.hindsight.server.http.HttpErrors;
import dev.hindsight.server.http.Params;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one API endpoint on a worker thread (the exchange is already blocking) and turns any
 * failure into Prometheus's error envelope through {@link HttpErrors}. GET and POST only.
 */
public final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** One endpoint: reads its parameters and writes the success envelope. */
    @FunctionalInterface
    public interface Endpoint {
        void handle(HttpServerExchange ex, Params params) throws Exception;
    }

    private final Endpoint endpoint;

    public ApiHandler(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.POST)) {
            ex.setStatusCode(405);
            ex.getResponseHeaders().put(io.undertow.util.Headers.ALLOW, "GET, POST");
            return;
        }
        try {
            endpoint.handle(ex, Params.of(ex));
        } catch (Exception | StackOverflowError | InternalError e) {
            HttpErrors.ApiError err = HttpErrors.map(e);
            if (err.status() == 500) {
                LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestPath(), e);
            }
            if (ex.isResponseStarted()) {
                ex.getConnection().close();
                return;
            }
            if (err.status() == 413) {
                ex.setPersistent(false);
            }
            Envelope.error(ex, err);
        }
    }
}
