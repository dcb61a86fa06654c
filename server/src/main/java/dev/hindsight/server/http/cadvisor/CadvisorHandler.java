package dev.hindsight.server.http.cadvisor;

import dev.hindsight.server.http.HttpErrors;
import dev.hindsight.server.http.Params;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches {@code /api/<version>/<request>/<path>} to the endpoint named by its first
 * segment; errors are plain text with the status from {@link HttpErrors}, as cAdvisor
 * answers them.
 */
final class CadvisorHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CadvisorHandler.class);

    /** One endpoint, given the rest of the path after its name ({@code /} when none). */
    @FunctionalInterface
    interface Endpoint {
        void handle(HttpServerExchange ex, Params p, String path) throws Exception;
    }

    private final Map<String, Endpoint> endpoints;

    CadvisorHandler(Map<String, Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.POST)) {
            ex.setStatusCode(405);
            return;
        }
        String rel = ex.getRelativePath();
        String trimmed = rel.startsWith("/") ? rel.substring(1) : rel;
        int slash = trimmed.indexOf('/');
        String name = slash < 0 ? trimmed : trimmed.substring(0, slash);
        String rest = slash < 0 ? "/" : trimmed.substring(slash);
        Endpoint e = endpoints.get(name);
        try {
            if (e == null) {
                throw dev.hindsight.server.http.ApiException.notFound("unknown request type \"" + name + "\"");
            }
            e.handle(ex, Params.of(ex), rest);
        } catch (Exception | StackOverflowError | InternalError t) {
            HttpErrors.ApiError err = HttpErrors.map(t);
            if (err.status() == 500) {
                LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestPath(), t);
            }
            if (ex.isResponseStarted()) {
                ex.getConnection().close();
                return;
            }
            ex.setStatusCode(err.status());
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            ex.getResponseSender().send(err.message() + "\n");
        }
    }
}
