package dev.hindsight.server.http;

import dev.hindsight.server.http.api.InfoHandlers;
import dev.hindsight.server.http.api.MetadataHandlers;
import dev.hindsight.server.http.api.QueryGate;
import dev.hindsight.server.http.api.QueryHandlers;
import dev.hindsight.server.http.api.RangePoints;
import dev.hindsight.server.http.auth.BasicAuthHandler;
import dev.hindsight.server.http.auth.Htpasswd;
import dev.hindsight.server.http.cadvisor.EventsApi;
import dev.hindsight.server.http.cadvisor.V1Api;
import dev.hindsight.server.http.cadvisor.V2Api;
import dev.hindsight.server.http.metrics.MetricsHandler;
import dev.hindsight.server.http.web.StaticFiles;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;

/**
 * Hindsight's HTTP server on Undertow. Every request leaves the IO thread at once
 * ({@link BlockingHandler}), then passes the body-size check, basic auth (when configured)
 * and the path routes:
 * <ul>
 *   <li>Prometheus API: {@code /api/v1/query}, {@code query_range}, {@code series}, {@code labels},
 *       {@code label/<name>/values}, {@code metadata}, {@code status/buildinfo}, {@code query_exemplars},
 *       {@code format_query}, {@code rules}, {@code alerts}</li>
 *   <li>{@code /metrics}, {@code /healthz}</li>
 *   <li>cAdvisor: {@code /api/v1.3/...}, {@code /api/v2.0/...} (also {@code v2.1})</li>
 *   <li>UI: {@code /}, {@code /ui/...}, {@code /webjars/...}</li>
 * </ul>
 */
public final class HttpServer implements AutoCloseable {
    /** How long a query waits for a free slot before 503. */
    static final long GATE_WAIT_MS = 100;
    private static final io.undertow.util.HttpString NOSNIFF = new io.undertow.util.HttpString("X-Content-Type-Options");

    private final Undertow undertow;
    private final int port;
    private volatile boolean stopping;
    /** Renders large range answers on a second core. */
    private final RangePoints rangePoints = RangePoints.forCores();

    private HttpServer(ServerConfig config, ServerContext ctx, String version) {
        HttpHandler routes = routes(config, ctx, version);
        HttpHandler chain = routes;
        if (config.auth() != null) {
            chain = new BasicAuthHandler(Htpasswd.load(config.auth().htpasswdFile()), config.auth().healthzOpen(), chain);
        }
        chain = bodyLimit(config.limits().maxBodyBytes(), chain);
        Undertow.Builder b = Undertow.builder()
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 2 * config.limits().maxBodyBytes() + DRAIN_BYTES + 4096)
            .setServerOption(UndertowOptions.ENABLE_STATISTICS, false)
            .setHandler(new BlockingHandler(new YieldingWorkers(chain)));
        if (config.tls() != null) {
            b.addHttpsListener(config.port(), config.host(), TlsContexts.create(config.tls()));
        } else {
            b.addHttpListener(config.port(), config.host());
        }
        this.undertow = b.build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow.stop();
            rangePoints.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                + cause.getMessage(), e);
        }
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Binds and starts serving; configuration problems are {@link dev.hindsight.storage.config.ConfigException}s. */
    public static HttpServer start(ServerConfig config, ServerContext ctx) {
        return new HttpServer(config, ctx, dev.hindsight.server.cli.Version.VERSION);
    }

    /** The bound port (the real one when the configuration said 0). */
    public int port() {
        return port;
    }

    private HttpHandler routes(ServerConfig config, ServerContext ctx, String version) {
        ServerConfig.Limits limits = config.limits();
        QueryGate gate = new QueryGate(limits.maxConcurrentQueries(), GATE_WAIT_MS);
        QueryHandlers queries = new QueryHandlers(ctx.store(), config.engineLimits(ctx.engine().limits()), gate,
            ctx.clockMs(), rangePoints);
        MetadataHandlers meta = new MetadataHandlers(ctx.store(), gate, limits.maxSeries());
        EventsApi events = new EventsApi(ctx.store(), ctx.clockMs(), () -> stopping);
        HttpHandler v2 = new V2Api(ctx.store(), ctx.machineInfoJson(), version, ctx.clockMs(), events).handler();
        StaticFiles files = new StaticFiles(HttpServer.class.getClassLoader());
        return new PathHandler(files.index())
            .addExactPath("/api/v1/query", queries.instant())
            .addExactPath("/api/v1/query_range", queries.range())
            .addExactPath("/api/v1/series", meta.series())
            .addExactPath("/api/v1/labels", meta.labels())
            .addPrefixPath("/api/v1/label", meta.labelValues())
            .addExactPath("/api/v1/metadata", meta.metadata())
            .addExactPath("/api/v1/status/buildinfo", InfoHandlers.buildInfo(version))
            .addExactPath("/api/v1/query_exemplars", InfoHandlers.exemplars())
            .addExactPath("/api/v1/format_query", InfoHandlers.formatQuery())
            .addExactPath("/api/v1/rules", InfoHandlers.emptyList("groups"))
            .addExactPath("/api/v1/alerts", InfoHandlers.emptyList("alerts"))
            .addExactPath("/metrics", new MetricsHandler(ctx.store(), ctx.selfMetrics()))
            .addExactPath("/healthz", new HealthHandler(ctx.ready()))
            .addPrefixPath("/api/v1.3", new V1Api(ctx.store(), ctx.machineInfoJson(), ctx.clockMs()).handler())
            .addPrefixPath("/api/v2.0", v2)
            .addPrefixPath("/api/v2.1", v2)
            .addPrefixPath("/ui", files.ui())
            .addPrefixPath("/webjars", files.webjars());
    }

    /**
     * A declared body over the limit by at most this much is read and dropped before the 413
     * goes out: a server that closes the connection while the client is still sending resets
     * it, and the client never reads the answer (as Go's server drains 256 KiB).
     */
    static final long DRAIN_BYTES = 1 << 20;

    /**
     * Refuses a declared body over the limit without parsing it (reading and dropping up to
     * {@link #DRAIN_BYTES} past the limit, so that the client can read the refusal); chunked
     * bodies are cut by {@link Bodies} (and, as a backstop, by Undertow's entity limit).
     */
    private static HttpHandler bodyLimit(long max, HttpHandler next) {
        return ex -> {
            if (ex.getRequestContentLength() > max) {
                if (ex.getRequestContentLength() <= max + DRAIN_BYTES) {
                    drain(ex);
                }
                ex.setPersistent(false);
                ex.setStatusCode(413);
                ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                ex.getResponseSender().send("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":"
                    + "\"request body of " + ex.getRequestContentLength() + " bytes exceeds the limit of " + max + "\"}");
                return;
            }
            ex.putAttachment(Bodies.LIMIT, max);
            ex.getResponseHeaders().put(NOSNIFF, "nosniff");
            next.handleRequest(ex);
        };
    }

    /** Reads and drops the request body; a body that breaks off or runs past the entity limit ends it. */
    private static void drain(HttpServerExchange ex) {
        byte[] sink = new byte[16 * 1024];
        try (InputStream in = ex.getInputStream()) {
            while (in.read(sink) >= 0) {
                // dropped
            }
        } catch (IOException e) {
            // the refusal goes out all the same; the connection closes after it
        }
    }

    @Override
    public void close() {
        stopping = true;
        undertow.stop();
        rangePoints.close();
    }
}
