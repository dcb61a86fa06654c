package dev.hindsight.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent on real cgroups: collector → raw log → store → PromQL → HTTP, and a
 * restart on the same data directory that keeps what was collected before it.
 */
@Timeout(180)
class AgentEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void collectsQueriesOverHttpAndKeepsHistoryAcrossARestart() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        TestEnvironment.requireCommand("stress-ng");
        try (TestCgroup cg = TestCgroup.create("hindsight-e2e")) {
            cg.write("memory", "memory.limit_in_bytes", Long.toString(256L << 20));
            cg.start("stress-ng --cpu 1 --timeout 120s");
            HindsightConfig config = ConfigLoader.parse("test.yaml", String.join("\n",
                    "interval: 1s",
                    "data_dir: " + data,
                    "collector:",
                    "  include_prefixes: [" + cg.path() + "]",
                    "  docker_socket: /nonexistent",
                    ""));
            String id = cg.path();
            long beforeRestart;
            try (Agent agent = Agent.start(config, null, "127.0.0.1:0")) {
                String base = "http://127.0.0.1:" + agent.httpPort();
                waitUntil(() -> get(base + "/healthz").statusCode() == 200, 20_000);
                // per-CPU series, as cAdvisor exports them when per-CPU usage is known
                waitUntil(() -> resultCount(base, "container_cpu_usage_seconds_total{id=\"" + id + "\"}")
                        == Runtime.getRuntime().availableProcessors(), 20_000);
                // stress-ng gets what a busy 2-core machine leaves it; any steady share proves the path
                waitUntil(() -> value(base, "sum(rate(container_cpu_usage_seconds_total{id=\"" + id + "\"}[5s]))") > 0.05,
                        60_000);
                assertThat(value(base, "container_spec_memory_limit_bytes{id=\"" + id + "\"}"))
                        .isEqualTo(256.0 * (1 << 20));
                String countQuery = "count_over_time(container_memory_usage_bytes{id=\"" + id + "\"}[10m])";
                waitUntil(() -> value(base, countQuery) >= 3, 20_000);
                beforeRestart = (long) value(base, countQuery);
                assertThat(beforeRestart).isGreaterThanOrEqualTo(3);
                HttpResponse<String> bad = get(base + "/api/v1/query?query=" + enc("rate(foo[5m)"));
                assertThat(bad.statusCode()).isEqualTo(400);
                assertThat(bad.body()).contains("1:12: parse error");
            }
            try (Agent agent = Agent.start(config, null, "127.0.0.1:0")) {
                String base = "http://127.0.0.1:" + agent.httpPort();
                waitUntil(() -> get(base + "/healthz").statusCode() == 200, 20_000);
                String count = "count_over_time(container_memory_usage_bytes{id=\"" + id + "\"}[10m])";
                // everything from before the restart comes back (replay), and new samples join it
                waitUntil(() -> (long) value(base, count) >= beforeRestart, 20_000);
                waitUntil(() -> (long) value(base, count) > beforeRestart + 1, 20_000);
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private int resultCount(String base, String query) throws Exception {
        JsonNode body = JSON.readTree(get(base + "/api/v1/query?query=" + enc(query)).body());
        return body.path("data").path("result").size();
    }

    private double value(String base, String query) throws Exception {
        JsonNode body = JSON.readTree(get(base + "/api/v1/query?query=" + enc(query)).body());
        JsonNode result = body.path("data").path("result");
        if (result.size() == 0) {
            return Double.NaN;
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met within " + timeoutMs + " ms");
    }
}
