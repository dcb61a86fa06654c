package dev.hindsight.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs one range query against one store's Prometheus-compatible API: warm-up runs, then timed
 * runs (the full HTTP round trip, body read), and the parsed answer of the last run.
 */
final class QueryRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Warm-up goes on past the given runs until this long has passed (at most
     * {@link #MAX_WARMUP_RUNS} runs): a JVM store's query that takes 5-10 ms was still getting
     * faster after 30 runs (median 23 ms in its first 25 runs, 11.6 in the next, 8 after 600),
     * while a slow query reaches its steady state within the runs anyway.
     */
    static final long WARMUP_NANOS = 5_000_000_000L;
    static final int MAX_WARMUP_RUNS = 2_000;

    /** A range-query answer: series (by label text) to points (timestamp ms to value). */
    record Answer(Map<String, TreeMap<Long, Double>> series) {
        long points() {
            return series.values().stream().mapToLong(TreeMap::size).sum();
        }
    }

    /** Timings and the last answer. */
    record Timed(List<Double> millis, Answer answer) {
    }

    private QueryRunner() {
    }

    static Timed run(String baseUrl, String query, long startMs, long endMs, long stepMs, int warmup, int runs) {
        String url = baseUrl + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + "&start=" + seconds(startMs) + "&end=" + seconds(endMs) + "&step=" + seconds(stepMs);
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
        List<Double> millis = new ArrayList<>(runs);
        byte[] body = null;
        long warmupEnds = System.nanoTime() + WARMUP_NANOS;
        for (int i = 0; i < warmup || (i < MAX_WARMUP_RUNS && System.nanoTime() < warmupEnds); i++) {
            body = check(baseUrl, query, send(req));
        }
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = send(req);
            long ns = System.nanoTime() - t0;
            body = check(baseUrl, query, r);
            millis.add(ns / 1e6);
        }
        return new Timed(millis, parse(body));
    }

    private static byte[] check(String baseUrl, String query, HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(baseUrl + " answered " + r.statusCode() + " to " + query + ": "
                + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private static HttpResponse<byte[]> send(HttpRequest req) {
        try {
            return Procs.HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%d.%03d", ms / 1000, ms % 1000);
    }

    static Answer parse(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (!"success".equals(root.path("status").asText())) {
                throw new IllegalStateException("query failed: " + root);
            }
            Map<String, TreeMap<Long, Double>> out = new TreeMap<>();
            for (JsonNode s : root.path("data").path("result")) {
                TreeMap<Long, Double> points = new TreeMap<>();
                for (JsonNode p : s.path("values")) {
                    long t = Math.round(p.get(0).asDouble() * 1000);
                    points.put(t, parseValue(p.get(1).asText()));
                }
                out.put(labelKey(s.path("metric")), points);
            }
            return new Answer(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Labels as sorted {@code name="value"} text. */
    static String labelKey(JsonNode metric) {
        TreeMap<String, String> m = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = metric.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().asText());
        }
        return m.toString();
    }
}
