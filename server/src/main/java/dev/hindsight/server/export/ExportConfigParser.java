package dev.hindsight.server.export;

import dev.hindsight.storage.config.ConfigException;
import dev.hindsight.storage.config.Durations;
import dev.hindsight.storage.config.Sections;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code remote_write:} list (Prometheus's own key names, so a Prometheus block can be
 * copied) and the {@code influxdb:} section (a map or a list of maps), as kept in plain maps by
 * the config loader. Every problem is collected and reported together, each naming its field,
 * e.g. {@code remote_write[0].queue_config.batch_send_deadline: "5x" is not a duration}.
 */
public final class ExportConfigParser {
    private static final Set<String> COMMON = Set.of("name", "url", "remote_timeout", "headers", "basic_auth",
        "bearer_token", "bearer_token_file", "tls_config", "write_relabel_configs", "queue_config", "external_labels");
    /** Prometheus keys accepted for copy-paste compatibility and not used. */
    private static final Set<String> IGNORED = Set.of("send_exemplars", "send_native_histograms", "metadata_config",
        "follow_redirects", "enable_http2");
    private static final Set<String> INFLUX = Set.of("database", "retention_policy", "username", "password", "token",
        "org", "bucket", "version");
    private static final Set<String> QUEUE = Set.of("max_samples_per_send", "batch_send_deadline", "min_backoff",
        "max_backoff", "retry_on_http_429", "capacity", "max_shards", "min_shards", "sample_age_limit");
    private static final Set<String> BASIC = Set.of("username", "password", "password_file");
    private static final Set<String> TLS = Set.of("ca_file", "cert_file", "key_file", "server_name",
        "insecure_skip_verify");
    private static final Set<String> RELABEL = Set.of("action", "source_labels", "separator", "regex", "target_label",
        "replacement");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<String> problems = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private ExportConfigParser() {
    }

    /**
     * Every configured sink, remote write first.
     *
     * @throws ConfigException listing every problem
     */
    public static List<SinkConfig> parse(Map<String, Object> sections) {
        ExportConfigParser p = new ExportConfigParser();
        List<SinkConfig> out = new ArrayList<>();
        List<Map<String, Object>> rw = p.entries(sections.get("remote_write"), "remote_write");
        for (int i = 0; i < rw.size(); i++) {
            p.sink(rw.get(i), "remote_write[" + i + "]", false, out);
        }
        Object influx = sections.get("influxdb");
        List<Map<String, Object>> ix = p.entries(influx, "influxdb");
        for (int i = 0; i < ix.size(); i++) {
            p.sink(ix.get(i), influx instanceof List ? "influxdb[" + i + "]" : "influxdb", true, out);
        }
        if (!p.problems.isEmpty()) {
            throw new ConfigException(p.problems);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(Object o, String field) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            out.add((Map<String, Object>) m);
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(map(l.get(i), field + "[" + i + "]"));
            }
        } else {
            problems.add(field + ": must be a list of sinks");
        }
        return out;
    }

    private void sink(Map<String, Object> m, String f, boolean influx, List<SinkConfig> out) {
        for (String k : m.keySet()) {
            if (!COMMON.contains(k) && !IGNORED.contains(k) && !(influx && INFLUX.contains(k))) {
                problems.add(f + "." + k + ": unknown setting (known: "
                    + String.join(", ", new TreeSet<>(influx ? union(COMMON, INFLUX) : COMMON)) + ")");
            }
        }
        String url = string(m, "url", f);
        URI uri = null;
        if (url == null || url.isBlank()) {
            problems.add(f + ".url: missing");
        } else {
            try {
                uri = URI.create(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problems.add(f + ".url: \"" + url + "\" is not an http(s) URL");
                    uri = null;
                }
            } catch (IllegalArgumentException e) {
                problems.add(f + ".url: \"" + url + "\" is not a URL: " + e.getMessage());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(stringMap(m.get("headers"), f + ".headers", false));
        auth(m, f, headers);
        SinkConfig.Kind kind = SinkConfig.Kind.REMOTE_WRITE;
        String target = url;
        if (influx && uri != null) {
            kind = influxKind(m, f);
            target = influxUrl(m, f, url, kind, headers);
        }
        String name = string(m, "name", f);
        if (name == null || name.isBlank()) {
            name = uri == null ? f : uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
        }
        if (!names.add(name)) {
            problems.add(f + ".name: \"" + name + "\" is used by another sink; give each a distinct name");
        }
        Map<String, Object> q = map(m.get("queue_config"), f + ".queue_config");
        checkKeys(q, f + ".queue_config", QUEUE);
        long maxSamples = number(q, "max_samples_per_send", f + ".queue_config", 2000);
        if (maxSamples < 1 || maxSamples > 1_000_000) {
            problems.add(f + ".queue_config.max_samples_per_send: " + maxSamples + " is not between 1 and 1000000");
        }
        long deadline = duration(q, "batch_send_deadline", f + ".queue_config", 5_000);
        long minBackoff = duration(q, "min_backoff", f + ".queue_config", 30);
        long maxBackoff = duration(q, "max_backoff", f + ".queue_config", 5_000);
        if (maxBackoff < minBackoff) {
            problems.add(f + ".queue_config.max_backoff: must not be less than min_backoff");
        }
        boolean retry429 = bool(q, "retry_on_http_429", f + ".queue_config", true);
        long timeout = duration(m, "remote_timeout", f, 30_000);
        out.add(new SinkConfig(name, kind, target, stringMap(m.get("external_labels"), f + ".external_labels", true),
            relabel(m.get("write_relabel_configs"), f + ".write_relabel_configs"), (int) maxSamples, deadline,
            Math.max(1, minBackoff), Math.max(1, maxBackoff), timeout, retry429, headers, tls(m, f)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private void auth(Map<String, Object> m, String f, Map<String, String> headers) {
        String bearer = string(m, "bearer_token", f);
        String bearerFile = string(m, "bearer_token_file", f);
        if (bearerFile != null) {
            bearer = readSecret(bearerFile, f + ".bearer_token_file");
        }
        if (m.get("basic_auth") != null) {
            Map<String, Object> b = map(m.get("basic_auth"), f + ".basic_auth");
            checkKeys(b, f + ".basic_auth", BASIC);
            String user = string(b, "username", f + ".basic_auth");
            String pass = string(b, "password", f + ".basic_auth");
            String passFile = string(b, "password_file", f + ".basic_auth");
            if (passFile != null) {
                pass = readSecret(passFile, f + ".basic_auth.password_file");
            }
            if (user == null || user.isEmpty()) {
                problems.add(f + ".basic_auth.username: missing");
            }
            if (bearer != null) {
                problems.add(f + ".basic_auth: cannot be set together with bearer_token");
            }
            String token = (user == null ? "" : user) + ":" + (pass == null ? "" : pass);
            headers.put("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        } else if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
    }

    private String readSecret(String file, String field) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException | RuntimeException e) {
            problems.add(field + ": cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    private SinkConfig.Kind influxKind(Map<String, Object> m, String f) {
        Object v = m.get("version");
        if (v == null) {
            return m.get("token") != null || m.get("bucket") != null ? SinkConfig.Kind.INFLUX_V2
                : SinkConfig.Kind.INFLUX_V1;
        }
        String s = v.toString();
        if (s.equals("1") || s.startsWith("1.")) {
            return SinkConfig.Kind.INFLUX_V1;
        }
        if (s.equals("2") || s.startsWith("2.") || s.equals("3") || s.startsWith("3.")) {
            return SinkConfig.Kind.INFLUX_V2;
        }
        problems.add(f + ".version: \"" + s + "\" is not 1 or 2");
        return SinkConfig.Kind.INFLUX_V1;
    }

    private String influxUrl(Map<String, Object> m, String f, String base, SinkConfig.Kind kind,
                             Map<String, String> headers) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (kind == SinkConfig.Kind.INFLUX_V1) {
            String db = string(m, "database", f);
            if (db == null || db.isBlank()) {
                problems.add(f + ".database: missing (the InfluxDB 1.x database to write to)");
                db = "";
            }
            for (String k : List.of("token", "org", "bucket")) {
                if (m.get(k) != null) {
                    problems.add(f + "." + k + ": only for InfluxDB 2.x (version: 2)");
                }
            }
            String user = string(m, "username", f);
            String pass = string(m, "password", f);
            if (user != null) {
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + (pass == null ? "" : pass)).getBytes(StandardCharsets.UTF_8)));
            }
            String rp = string(m, "retention_policy", f);
            return root + "/write?db=" + enc(db) + (rp == null ? "" : "&rp=" + enc(rp)) + "&precision=ms";
        }
        String org = string(m, "org", f);
        String bucket = string(m, "bucket", f);
        String token = string(m, "token", f);
        if (org == null || org.isBlank()) {
            problems.add(f + ".org: missing (InfluxDB 2.x writes need an organization)");
        }
        if (bucket == null || bucket.isBlank()) {
            problems.add(f + ".bucket: missing (InfluxDB 2.x writes need a bucket)");
        }
        if (token == null || token.isBlank()) {
            problems.add(f + ".token: missing (InfluxDB 2.x writes need an API token)");
        } else {
            headers.put("Authorization", "Token " + token);
        }
        for (String k : List.of("database", "retention_policy", "username", "password")) {
            if (m.get(k) != null) {
                problems.add(f + "." + k + ": only for InfluxDB 1.x (version: 1)");
            }
        }
        return root + "/api/v2/write?org=" + enc(org == null ? "" : org) + "&bucket=" + enc(bucket == null ? "" : bucket)
            + "&precision=ms";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private SinkConfig.Tls tls(Map<String, Object> m, String f) {
        if (m.get("tls_config") == null) {
            return null;
        }
        String p = f + ".tls_config";
        Map<String, Object> t = map(m.get("tls_config"), p);
        checkKeys(t, p, TLS);
        Path ca = path(t, "ca_file", p);
        Path cert = path(t, "cert_file", p);
        Path key = path(t, "key_file", p);
        if (cert != null || key != null) {
            problems.add(p + ".cert_file: client certificates are not supported yet (use basic_auth or bearer_token)");
        }
        return new SinkConfig.Tls(ca, cert, key, string(t, "server_name", p), bool(t, "insecure_skip_verify", p, false));
    }

    private Path path(Map<String, Object> m, String key, String prefix) {
        String s = string(m, key, prefix);
        if (s == null) {
            return null;
        }
        Path p = Path.of(s);
        if (!Files.isReadable(p)) {
            problems.add(prefix + "." + key + ": cannot read " + s);
        }
        return p;
    }

    private List<RelabelRule> relabel(Object o, String f) {
        List<RelabelRule> out = new ArrayList<>();
        if (o == null) {
            return out;
        }
        if (!(o instanceof List<?> list)) {
            problems.add(f + ": must be a list of relabel rules");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = f + "[" + i + "]";
            Map<String, Object> r = map(list.get(i), p);
            checkKeys(r, p, RELABEL);
            String actionText = string(r, "action", p);
            RelabelRule.Action action = RelabelRule.Action.REPLACE;
            if (actionText != null) {
                try {
                    action = RelabelRule.Action.valueOf(actionText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(p + ".action: \"" + actionText
                        + "\" is not one of replace, keep, drop, labeldrop, labelkeep, labelmap");
                    continue;
                }
            }
            List<String> sources = new ArrayList<>();
            Object s = r.get("source_labels");
            if (s instanceof List<?> sl) {
                sl.forEach(x -> sources.add(String.valueOf(x)));
            } else if (s != null) {
                problems.add(p + ".source_labels: must be a list of label names");
            }
            String regexText = r.get("regex") == null ? "(.*)" : r.get("regex").toString();
            Pattern regex;
            try {
                regex = RelabelRule.anchored(regexText);
            } catch (PatternSyntaxException e) {
                problems.add(p + ".regex: \"" + regexText + "\" is not a valid regular expression: "
                    + e.getDescription());
                continue;
            }
            String target = string(r, "target_label", p);
            boolean needsSources = action == RelabelRule.Action.KEEP || action == RelabelRule.Action.DROP;
            if (needsSources && sources.isEmpty()) {
                problems.add(p + ".source_labels: " + action.name().toLowerCase(Locale.ROOT) + " needs source_labels");
            }
            if (action == RelabelRule.Action.REPLACE && (target == null || target.isEmpty())) {
                problems.add(p + ".target_label: replace needs a target_label");
            }
            String sep = r.get("separator") == null ? ";" : r.get("separator").toString();
            String repl = r.get("replacement") == null ? "$1" : r.get("replacement").toString();
            out.add(new RelabelRule(action, sources, sep, regex, target == null ? "" : target, repl));
        }
        return out;
    }

    private Map<String, String> stringMap(Object o, String f, boolean labelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o == null) {
            return out;
        }
        if (!(o instanceof Map<?, ?> m)) {
            problems.add(f + ": must be a map of name: value");
            return out;
        }
        m.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (labelNames && !LABEL_NAME.matcher(key).matches()) {
                problems.add(f + "." + key + ": is not a valid label name");
            } else if (v == null) {
                problems.add(f + "." + key + ": missing value");
            } else {
                out.put(key, v.toString());
            }
        });
        return out;
    }

    private Map<String, Object> map(Object o, String field) {
        return Sections.map(o, field, problems);
    }

    private void checkKeys(Map<String, Object> m, String prefix, Set<String> known) {
        Sections.checkKeys(m, prefix, known, problems);
    }

    private String string(Map<String, Object> m, String key, String prefix) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            problems.add(prefix + "." + key + ": must be a single value");
            return null;
        }
        return v.toString();
    }

    private long number(Map<String, Object> m, String key, String prefix, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            problems.add(prefix + "." + key + ": \"" + v + "\" is not a whole number");
            return dflt;
        }
    }

    private long duration(Map<String, Object> m, String key, String prefix, long dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        OptionalLong ms = Durations.parseMillis(v.toString().trim());
        if (ms.isEmpty()) {
            problems.add(prefix + "." + key + ": \"" + v + "\" is not a duration (e.g. 500ms, 5s, 1m)");
            return dflt;
        }
        return ms.getAsLong();
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
}
