package dev.hindsight.server.http;

import dev.hindsight.storage.config.ByteSizes;
import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.Durations;
import dev.hindsight.storage.config.Sections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the {@code server:} section (kept as plain maps by the storage config loader):
 * <pre>
 * server:
 *   tls:    { cert_file: x.pem, key_file: k.pem }      # or { pkcs12_file: s.p12, pkcs12_password: pw }
 *   auth:   { htpasswd_file: /etc/hindsight/htpasswd, healthz_open: true }
 *   limits: { max_concurrent_queries: 20, max_body_bytes: 1MiB, max_samples_per_query: 50000000,
 *             query_timeout: 2m, max_series: 10000 }
 * </pre>
 * Every problem is collected and reported together, each naming its field.
 */
final class ServerConfigParser {
    private static final Set<String> TOP = Set.of("tls", "auth", "limits");
    private static final Set<String> TLS = Set.of("cert_file", "key_file", "pkcs12_file", "pkcs12_password");
    private static final Set<String> AUTH = Set.of("htpasswd_file", "healthz_open");
    private static final Set<String> LIMITS = Set.of("max_concurrent_queries", "max_body_bytes",
        "max_samples_per_query", "query_timeout", "max_series");

    record HostPort(String host, int port) {
    }

    private final List<String> problems = new ArrayList<>();

    private ServerConfigParser() {
    }

    static ServerConfig parse(String listen, Object section) {
        return new ServerConfigParser().read(listen, section);
    }

    static HostPort hostPort(String listen) {
        int colon = listen == null ? -1 : listen.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(List.of("listen: \"" + listen + "\" is not host:port"));
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(listen.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new ConfigException(List.of("listen: \"" + listen + "\" has no numeric port"));
        }
    }

    private ServerConfig read(String listen, Object section) {
        HostPort hp = hostPort(listen);
        Map<String, Object> top = map(section, "server");
        checkKeys(top, "server", TOP);
        ServerConfig.Tls tls = null;
        if (top.get("tls") != null) {
            Map<String, Object> m = map(top.get("tls"), "server.tls");
            checkKeys(m, "server.tls", TLS);
            tls = new ServerConfig.Tls(file(m, "cert_file", "server.tls"), file(m, "key_file", "server.tls"),
                file(m, "pkcs12_file", "server.tls"), m.get("pkcs12_password") == null ? "" : m.get("pkcs12_password").toString());
            ServerConfig.tlsProblems(tls, problems);
        }
        ServerConfig.Auth auth = null;
        if (top.get("auth") != null) {
            Map<String, Object> m = map(top.get("auth"), "server.auth");
            checkKeys(m, "server.auth", AUTH);
            Path file = file(m, "htpasswd_file", "server.auth");
            if (file == null) {
                problems.add("server.auth.htpasswd_file: missing");
            }
            auth = new ServerConfig.Auth(file, bool(m, "healthz_open", "server.auth", false));
        }
        ServerConfig.Limits d = ServerConfig.Limits.defaults();
        ServerConfig.Limits limits = d;
        if (top.get("limits") != null) {
            Map<String, Object> m = map(top.get("limits"), "server.limits");
            checkKeys(m, "server.limits", LIMITS);
            limits = new ServerConfig.Limits(
                (int) number(m, "max_concurrent_queries", d.maxConcurrentQueries()),
                bytes(m, "max_body_bytes", d.maxBodyBytes()),
                number(m, "max_samples_per_query", d.maxSamplesPerQuery()),
                Duration.ofMillis(duration(m, "query_timeout", d.queryTimeout().toMillis())),
                (int) number(m, "max_series", d.maxSeries()));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ServerConfig(hp.host(), hp.port(), tls, auth, limits);
    }

    private Map<String, Object> map(Object o, String field) {
        return Sections.map(o, field, problems);
    }

    private void checkKeys(Map<String, Object> m, String prefix, Set<String> known) {
        Sections.checkKeys(m, prefix, known, problems);
    }

    private Path file(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        if (s.isBlank()) {
            problems.add(prefix + "." + key + ": must not be empty");
            return null;
        }
        return Path.of(s);
    }

    private boolean bool(Map<String, Object> m, String key, String prefix, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        String s = v.toString();
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        problems.add(prefix + "." + key + ": \"" + s + "\" is not true or false");
        return dflt;
    }

    private long number(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.toString().replace("_", ""));
            if (n <= 0) {
                problems.add("server.limits." + key + ": " + n + " must be > 0");
            }
            return n <= 0 ? dflt : n;
        } catch (NumberFormatException e) {
            problems.add("server.limits." + key + ": \"" + v + "\" is not a whole number");
            return dflt;
        }
    }

    private long bytes(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        OptionalLong n = ByteSizes.parse(v.toString());
        if (n.isEmpty() || n.getAsLong() <= 0) {
            problems.add("server.limits." + key + ": \"" + v + "\" is not a positive byte size (e.g. 1MiB)");
            return dflt;
        }
        return n.getAsLong();
    }

    private long duration(Map<String, Object> m, String key, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        OptionalLong n = Durations.parseMillis(v.toString());
        if (n.isEmpty() || n.getAsLong() <= 0) {
            problems.add("server.limits." + key + ": \"" + v + "\" is not a positive duration (e.g. 2m)");
            return dflt;
        }
        return n.getAsLong();
    }
}
