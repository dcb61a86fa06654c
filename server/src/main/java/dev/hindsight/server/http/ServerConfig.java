package dev.hindsight.server.http;

import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.HindsightConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP server's configuration, immutable and validated when built. Read it from the
 * config file's {@code server:} section with {@link #from(HindsightConfig)} (see
 * {@link ServerConfigParser} for the keys); the listen address is the file's top-level
 * {@code listen} (or the {@code --listen} flag).
 *
 * @param host   address to bind, default {@code 127.0.0.1}
 * @param port   port to bind; 0 picks a free one (tests)
 * @param tls    TLS settings, or null for plain HTTP
 * @param auth   basic auth settings, or null for none
 * @param limits request and query limits
 */
public record ServerConfig(String host, int port, Tls tls, Auth auth, Limits limits) {

    /**
     * TLS from PEM files ({@code certFile} + {@code keyFile}, key in PKCS#8) or from a PKCS#12
     * keystore ({@code pkcs12File} + {@code pkcs12Password}); exactly one of the two forms.
     */
    public record Tls(Path certFile, Path keyFile, Path pkcs12File, String pkcs12Password) {
        public boolean isPem() {
            return certFile != null;
        }
    }

    /**
     * Basic auth from an htpasswd file of bcrypt hashes.
     *
     * @param healthzOpen whether {@code /healthz} answers without credentials
     */
    public record Auth(Path htpasswdFile, boolean healthzOpen) {
    }

    /**
     * @param maxConcurrentQueries queries (query, query_range, series) running at once; more get 503
     * @param maxBodyBytes         largest request body; larger gets 413
     * @param maxSamplesPerQuery   samples one query may hold; more gets 422
     * @param queryTimeout         longest a query may run; longer gets 503
     * @param maxSeries            most series one {@code /api/v1/series} answer lists (then truncated, with a warning)
     */
    public record Limits(int maxConcurrentQueries, long maxBodyBytes, long maxSamplesPerQuery, Duration queryTimeout,
                         int maxSeries) {
        public static Limits defaults() {
            return new Limits(20, 1L << 20, 50_000_000L, Duration.ofMinutes(2), 10_000);
        }
    }

    public ServerConfig {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("listen: host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            problems.add("listen: port " + port + " is not in 0..65535");
        }
        tlsProblems(tls, problems);
        if (auth != null && auth.htpasswdFile() == null) {
            problems.add("server.auth.htpasswd_file: missing");
        }
        if (limits == null) {
            problems.add("server.limits: missing");
        } else {
            if (limits.maxConcurrentQueries() <= 0) {
                problems.add("server.limits.max_concurrent_queries: " + limits.maxConcurrentQueries() + " must be > 0");
            }
            if (limits.maxBodyBytes() <= 0) {
                problems.add("server.limits.max_body_bytes: " + limits.maxBodyBytes() + " must be > 0");
            }
            if (limits.maxSamplesPerQuery() <= 0) {
                problems.add("server.limits.max_samples_per_query: " + limits.maxSamplesPerQuery() + " must be > 0");
            }
            if (limits.queryTimeout() == null || limits.queryTimeout().isNegative() || limits.queryTimeout().isZero()) {
                problems.add("server.limits.query_timeout: " + limits.queryTimeout() + " must be > 0");
            }
            if (limits.maxSeries() <= 0) {
                problems.add("server.limits.max_series: " + limits.maxSeries() + " must be > 0");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    static void tlsProblems(Tls tls, List<String> problems) {
        if (tls == null) {
            return;
        }
        boolean pem = tls.certFile() != null || tls.keyFile() != null;
        if (pem && tls.pkcs12File() != null) {
            problems.add("server.tls: give either cert_file and key_file or pkcs12_file, not both");
        } else if (pem && (tls.certFile() == null || tls.keyFile() == null)) {
            problems.add(tls.certFile() == null ? "server.tls.cert_file: missing (key_file is set)"
                : "server.tls.key_file: missing (cert_file is set)");
        } else if (!pem && tls.pkcs12File() == null) {
            problems.add("server.tls: needs cert_file and key_file, or pkcs12_file");
        }
    }

    /** Loopback 127.0.0.1:8080, no TLS, no auth, default limits. */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, null, null, Limits.defaults());
    }

    /** The config file's {@code listen} plus its {@code server:} section. */
    public static ServerConfig from(HindsightConfig config) {
        Object section = config.sections().get("server");
        return ServerConfigParser.parse(config.listen(), section == null ? Map.of() : section);
    }

    /**
     * Like {@link #from(HindsightConfig)}, with each problem prefixed by the file and the line of
     * its key ({@code hindsight.yaml:12: server.tls.key_file: missing}).
     */
    public static ServerConfig from(HindsightConfig config, Path file) {
        try {
            return from(config);
        } catch (ConfigException e) {
            String text;
            try {
                text = java.nio.file.Files.readString(file);
            } catch (java.io.IOException io) {
                throw e;
            }
            Map<String, Integer> lines = YamlLines.index(text);
            throw new ConfigException(e.problems().stream()
                .map(p -> YamlLines.locate(file.toString(), lines, p)).toList());
        }
    }

    /** A copy listening on {@code host:port} (the {@code --listen} flag). */
    public ServerConfig withListen(String hostPort) {
        ServerConfigParser.HostPort hp = ServerConfigParser.hostPort(hostPort);
        return new ServerConfig(hp.host(), hp.port(), tls, auth, limits);
    }

    public ServerConfig withTls(Tls t) {
        return new ServerConfig(host, port, t, auth, limits);
    }

    public ServerConfig withAuth(Auth a) {
        return new ServerConfig(host, port, tls, a, limits);
    }

    public ServerConfig withLimits(Limits l) {
        return new ServerConfig(host, port, tls, auth, l);
    }

    /** The engine limits this configuration implies, on top of a base (lookback, subquery step). */
    public EngineLimits engineLimits(EngineLimits base) {
        return base.withMaxSamples(limits.maxSamplesPerQuery()).withTimeout(limits.queryTimeout());
    }
}
