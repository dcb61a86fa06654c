package dev.hindsight.server.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.query.Position;
import dev.hindsight.query.QueryException;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.query.repl.BackendException;
import dev.hindsight.query.repl.ReplBackend;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ReplBackend} over a running server's Prometheus HTTP API ({@code /api/v1/query},
 * {@code query_range}, {@code labels}, {@code label/<name>/values}), with optional basic auth.
 * API errors come back as {@link QueryException}s with the server's kind and position; a server
 * that cannot be reached or refuses the credentials is a {@link BackendException}.
 */
public final class HttpBackend implements ReplBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final String authorization;
    private final Duration queryTimeout;
    private final HttpClient client;

    /**
     * @param base         the server, e.g. {@code http://127.0.0.1:8080}
     * @param user         basic-auth user, or null
     * @param password     basic-auth password (with a user)
     * @param queryTimeout how long to wait for a query's answer
     */
    public HttpBackend(URI base, String user, String password, Duration queryTimeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.queryTimeout = queryTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Asks the server for its build info: returns normally when it answers and accepts the credentials. */
    public void probe() {
        get("/api/v1/status/buildinfo", Map.of(), METADATA_TIMEOUT, null);
    }

    @Override
    public QueryResult instant(String query, long timeMs) {
        Map<String, String> p = new TreeMap<>();
        p.put("query", query);
        p.put("time", seconds(timeMs));
        return result(get("/api/v1/query", p, queryTimeout, query));
    }

    @Override
    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        Map<String, String> p = new TreeMap<>();
        p.put("query", query);
        p.put("start", seconds(startMs));
        p.put("end", seconds(endMs));
        p.put("step", seconds(stepMs));
        return result(get("/api/v1/query_range", p, queryTimeout, query));
    }

    @Override
    public List<String> metricNames() {
        return strings(get("/api/v1/label/__name__/values", Map.of(), METADATA_TIMEOUT, null));
    }

    @Override
    public List<String> labelNames(String metric) {
        return strings(get("/api/v1/labels", match(metric), METADATA_TIMEOUT, null));
    }

    @Override
    public List<String> labelValues(String name, String metric) {
        String path = "/api/v1/label/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/values";
        return strings(get(path, match(metric), METADATA_TIMEOUT, null));
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads are daemons
    }

    private static Map<String, String> match(String metric) {
        return metric == null ? Map.of() : Map.of("match[]", "{__name__=\"" + metric.replace("\"", "\\\"") + "\"}");
    }

    /** GETs {@code path} and returns the whole success envelope, or throws what the envelope says. */
    private JsonNode get(String path, Map<String, String> params, Duration timeout, String query) {
        StringBuilder uri = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            uri.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(timeout)
            .header("Accept", "application/json").GET();
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<byte[]> resp;
        try {
            resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new BackendException("cannot reach " + base + ": connection refused", e);
        } catch (HttpTimeoutException e) {
            throw new BackendException("no answer from " + base + " within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new BackendException("cannot reach " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for " + base, e);
        }
        if (resp.statusCode() == 401) {
            throw new BackendException(authorization == null
                ? base + " asks for a user and password (--user, --password-file)"
                : base + " rejected the user or password");
        }
        JsonNode root;
        try {
            root = JSON.readTree(resp.body());
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.has("status")) {
            throw new BackendException("unexpected answer from " + base + path + ": HTTP " + resp.statusCode());
        }
        if (!"success".equals(root.path("status").asText())) {
            throw error(root, query);
        }
        return root;
    }

    private static QueryException error(JsonNode root, String query) {
        QueryException.Kind kind = switch (root.path("errorType").asText()) {
            case "bad_data" -> QueryException.Kind.BAD_DATA;
            case "timeout" -> QueryException.Kind.TIMEOUT;
            case "canceled" -> QueryException.Kind.CANCELED;
            default -> QueryException.Kind.EXECUTION;
        };
        JsonNode pos = root.path("position");
        Position position = pos.has("start") ? new Position(pos.path("start").asInt(), pos.path("end").asInt())
            : Position.NONE;
        return new QueryException(kind, position, root.path("error").asText("unknown error"), query);
    }

    private static QueryResult result(JsonNode root) {
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        JsonNode r = data.path("result");
        Value value = switch (type) {
            case "scalar" -> new Scalar(millis(r.get(0)), number(r.get(1).asText()));
            case "string" -> new StringValue(millis(r.get(0)), r.get(1).asText());
            case "vector" -> {
                List<Vector.Sample> samples = new ArrayList<>(r.size());
                for (JsonNode s : r) {
                    JsonNode v = s.path("value");
                    samples.add(new Vector.Sample(labels(s.path("metric")), millis(v.get(0)), number(v.get(1).asText())));
                }
                yield new Vector(samples);
            }
            case "matrix" -> {
                List<Matrix.Series> series = new ArrayList<>(r.size());
                for (JsonNode s : r) {
                    JsonNode points = s.path("values");
                    long[] ts = new long[points.size()];
                    double[] vs = new double[points.size()];
                    for (int i = 0; i < points.size(); i++) {
                        ts[i] = millis(points.get(i).get(0));
                        vs[i] = number(points.get(i).get(1).asText());
                    }
                    series.add(new Matrix.Series(labels(s.path("metric")), ts, vs));
                }
                yield new Matrix(series);
            }
            default -> throw new BackendException("unknown resultType \"" + type + "\"");
        };
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new QueryResult(value, 0, warnings);
    }

    private static Labels labels(JsonNode metric) {
        Map<String, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return Labels.fromMap(m);
    }

    private static List<String> strings(JsonNode root) {
        JsonNode data = root.path("data");
        List<String> out = new ArrayList<>(data.size());
        data.forEach(n -> out.add(n.asText()));
        return out;
    }

    static long millis(JsonNode seconds) {
        BigDecimal s = seconds.isNumber() ? seconds.decimalValue() : new BigDecimal(seconds.asText());
        return s.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    static String seconds(long ms) {
        return BigDecimal.valueOf(ms).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
