package dev.hindsight.server.http.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic auth in front of everything (API, {@code /metrics}, UI, static files), except
 * {@code /healthz} when configured open. Runs on a worker thread (bcrypt is slow). A missing
 * or wrong credential gets 401 with a {@code WWW-Authenticate} challenge.
 */
public final class BasicAuthHandler implements HttpHandler {
    private final Htpasswd users;
    private final boolean healthzOpen;
    private final HttpHandler next;

    public BasicAuthHandler(Htpasswd users, boolean healthzOpen, HttpHandler next) {
        this.users = users;
        this.healthzOpen = healthzOpen;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        if (healthzOpen && ex.getRequestPath().equals("/healthz")) {
            next.handleRequest(ex);
            return;
        }
        if (authorized(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
            next.handleRequest(ex);
            return;
        }
        ex.setStatusCode(401);
        ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"hindsight\", charset=\"UTF-8\"");
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseSender().send("401 unauthorized: credentials required\n");
    }

    private boolean authorized(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && users.check(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
