package dev.hindsight.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.function.BooleanSupplier;

/** {@code /healthz}: 200 {@code ok} once the collector has completed a tick, else 503. */
final class HealthHandler implements HttpHandler {
    private final BooleanSupplier ready;

    HealthHandler(BooleanSupplier ready) {
        this.ready = ready;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) {
        boolean ok = ready.getAsBoolean();
        ex.setStatusCode(ok ? 200 : 503);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseSender().send(ok ? "ok\n" : "not ready\n");
    }
}
