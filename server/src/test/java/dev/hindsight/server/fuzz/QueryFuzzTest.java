package dev.hindsight.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated PromQL against the HTTP API of a real server over a real store: every
 * answer is a 2xx, or a 4xx whose JSON names the error and its position in the query (422
 * evaluation errors, which Prometheus also reports without one, are counted apart) — never
 * a 5xx (a query over its deadline may answer 503 {@code timeout}, counted), never a hang
 * (each request has a 30 s client deadline), and the server still answers afterwards.
 * CI: 10,000 queries; {@code -Dhindsight.soak=true}: 100,000.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class QueryFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean SOAK = Boolean.getBoolean("hindsight.soak");
    private static final int QUERIES = SOAK ? 100_000 : 10_000;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private final LongAdder ok = new LongAdder();
    private final LongAdder clientErrors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder unpositioned = new LongAdder();
    private final AtomicLong maxMs = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyAnswerIsASuccessOrAPositionedClientError() throws Exception {
        Path shared = Path.of(System.getProperty("hindsight.shared.dir", "../../shared"), "promql-testdata");
        List<String> corpus = PromqlGenerator.corpus(shared);
        assertThat(corpus).as("eval lines in " + shared).hasSizeGreaterThan(1_000);
        try (FuzzServer server = new FuzzServer(dir, 900, 1 << 20)) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                long seed = 42 + t;
                futures.add(pool.submit(() -> {
                    run(client, server, new PromqlGenerator(seed, corpus), new Random(seed), QUERIES / THREADS);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
            System.out.printf("FUZZ queries=%d 2xx=%d 4xx=%d (422 without position %d) 503-timeout=%d failures=%d "
                + "slowest=%dms in %ds%n", QUERIES, ok.sum(), clientErrors.sum(), unpositioned.sum(), timeouts.sum(), failures.size(), maxMs.get(), seconds);
            assertThat(failures).as("answers that were neither 2xx nor a positioned 4xx").isEmpty();
            assertThat(ok.sum() + clientErrors.sum() + timeouts.sum()).isEqualTo(QUERIES);
            assertThat(ok.sum()).as("some queries must succeed").isGreaterThan(QUERIES / 10);
            assertThat(clientErrors.sum()).as("some queries must be rejected").isGreaterThan(QUERIES / 10);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(server.base() + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    private void run(HttpClient client, FuzzServer server, PromqlGenerator gen, Random random, int n) {
        for (int i = 0; i < n && failures.size() < 50; i++) {
            String q = gen.next();
            HttpRequest request = request(server, q, random);
            long t0 = System.nanoTime();
            HttpResponse<String> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                failures.add("HANG (no answer in 30 s): " + q);
                continue;
            } catch (Exception e) {
                failures.add("transport " + e + ": " + q);
                continue;
            }
            maxMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            check(q, request, r);
        }
    }

    private HttpRequest request(FuzzServer server, String q, Random random) {
        long span = server.newest - server.t0;
        HttpRequest.Builder b;
        String query = URLEncoder.encode(q, StandardCharsets.UTF_8);
        int kind = random.nextInt(10);
        if (kind < 6) {
            long time = server.t0 + (long) (random.nextDouble() * span * 1.2);
            b = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/query?query=" + query + "&time="
                + (random.nextBoolean() ? String.format("%d.%03d", time / 1000, time % 1000) : time / 1000.0)));
        } else if (kind < 9) {
            long start = (server.t0 + (long) (random.nextDouble() * span)) / 1000;
            long end = start + random.nextInt(600);
            int step = 1 + random.nextInt(60);
            String form = "query=" + query + "&start=" + start + "&end=" + end + "&step=" + step;
            b = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/series?match[]=" + query));
        }
        return b.timeout(Duration.ofSeconds(30)).build();
    }

    private void check(String q, HttpRequest request, HttpResponse<String> r) {
        int s = r.statusCode();
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (Exception e) {
            failures.add(s + " not JSON (" + r.body() + "): " + q);
            return;
        }
        if (s >= 200 && s < 300 && body.path("status").asText().equals("success")) {
            ok.increment();
        } else if (s == 503 && body.path("errorType").asText().equals("timeout")) {
            timeouts.increment();
        } else if (s >= 400 && s < 500 && body.path("status").asText().equals("error")
            && !body.path("error").asText().isEmpty() && hasPosition(request, body)) {
            clientErrors.increment();
        } else if (s == 422 && body.path("errorType").asText().equals("execution") && !body.path("error").asText().isEmpty()) {
            // evaluation errors (a NaN or huge topk parameter, a bad regex in label_replace) come
            // without a position, as in Prometheus; counted separately
            clientErrors.increment();
            unpositioned.increment();
        } else {
            failures.add(s + " " + r.body() + " for " + request.method() + " " + request.uri().getPath() + ": " + q);
        }
    }

    /** Query errors carry a position; /series matchers are parsed as selectors and may not. */
    private static boolean hasPosition(HttpRequest request, JsonNode body) {
        return request.uri().getPath().endsWith("/series") || body.path("position").has("start");
    }
}
