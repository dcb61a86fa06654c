package dev.hindsight.server.http.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.Resource;
import io.undertow.server.handlers.resource.ResourceChangeListener;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.server.handlers.resource.ResourceManager;
import io.undertow.util.Headers;
import java.io.IOException;

/**
 * The web UI's files from the classpath: {@code /} is {@code web/index.html}, {@code /ui/x}
 * is {@code web/x} (or {@code web/ui/x}), {@code /webjars/x} is
 * {@code META-INF/resources/webjars/x}. Unsafe paths ({@link SafePath}) get 400 before any
 * lookup; directories are never listed.
 */
public final class StaticFiles {
    private final ResourceHandler ui;
    private final ResourceHandler webjars;

    public StaticFiles(ClassLoader cl) {
        ResourceManager web = new Fallback(new ClassPathResourceManager(cl, "web"),
            new ClassPathResourceManager(cl, "web/ui"));
        this.ui = new ResourceHandler(web).setDirectoryListingEnabled(false).setWelcomeFiles("index.html");
        this.webjars = new ResourceHandler(new ClassPathResourceManager(cl, "META-INF/resources/webjars"))
            .setDirectoryListingEnabled(false).setCachable(e -> true).setCacheTime(86_400);
    }

    /** {@code /}: the index page. */
    public HttpHandler index() {
        return ex -> {
            if (!ex.getRelativePath().equals("/") && !ex.getRelativePath().isEmpty()) {
                notFound(ex);
                return;
            }
            ex.setRelativePath("/index.html");
            ui.handleRequest(ex);
        };
    }

    /** Mounted at {@code /ui}. */
    public HttpHandler ui() {
        return guarded(ui);
    }

    /** Mounted at {@code /webjars}. */
    public HttpHandler webjars() {
        return guarded(webjars);
    }

    private static HttpHandler guarded(HttpHandler next) {
        return ex -> {
            if (!SafePath.isSafe(ex.getRelativePath()) || !SafePath.isSafe(ex.getRequestPath())) {
                ex.setStatusCode(400);
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                ex.getResponseSender().send("400 bad path\n");
                return;
            }
            next.handleRequest(ex);
        };
    }

    static void notFound(HttpServerExchange ex) {
        ex.setStatusCode(404);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        ex.getResponseSender().send("404 page not found\n");
    }

    /** Looks a path up in each manager in turn. */
    private record Fallback(ResourceManager first, ResourceManager second) implements ResourceManager {
        @Override
        public Resource getResource(String path) throws IOException {
            Resource r = first.getResource(path);
            return r != null ? r : second.getResource(path);
        }

        @Override
        public boolean isResourceChangeListenerSupported() {
            return false;
        }

        @Override
        public void registerResourceChangeListener(ResourceChangeListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeResourceChangeListener(ResourceChangeListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() throws IOException {
            first.close();
            second.close();
        }
    }
}
