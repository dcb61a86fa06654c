package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each limit gives a clear error and the server keeps answering. */
@Timeout(120)
class LimitsTest {
    static final long T0 = 1_700_000_400_000L;
    static final long NOW = T0 + 599_000;
    /** A query that runs for a long time: a millisecond-step subquery over five minutes. */
    static final String SLOW = "count_over_time(container_memory_usage_bytes[10m:1ms])";

    static ServerConfig limited(int concurrent, long body, long samples, Duration timeout, int series) {
        return TestData.loopback().withLimits(new ServerConfig.Limits(concurrent, body, samples, timeout, series));
    }

    @Test
    void bodySamplesTimeoutAndSeriesCap(@TempDir Path dir) {
        ServerConfig cfg = limited(4, 1024, 1000, Duration.ofSeconds(30), 2);
        try (TestData data = TestData.open(dir, T0, 600);
             HttpServer server = HttpServer.start(cfg, data.context(NOW))) {
            Http http = Http.of(server);
            Http.Answer big = http.postForm("/api/v1/query", "query", "1+" + "1".repeat(2000));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.json().get("errorType").asText()).isEqualTo("bad_data");
            assertThat(http.postForm("/api/v1/query", "query", "1+1").status()).isEqualTo(200);
            java.net.http.HttpRequest.Builder chunked = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(http.base() + "/api/v1/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                    ("query=1%2B" + "1".repeat(5000)).getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
            Http.Answer chunkedAnswer = http.send(chunked);
            assertThat(chunkedAnswer.status()).as(chunkedAnswer.body()).isEqualTo(413);
            assertThat(http.postForm("/api/v1/query", "query", "2+2").json().at("/data/result/1").asText()).isEqualTo("4");

            Http.Answer samples = http.get("/api/v1/query?query=" + Http.enc("container_memory_usage_bytes[10m]"));
            assertThat(samples.status()).as(samples.body()).isEqualTo(422);
            assertThat(samples.json().get("errorType").asText()).isEqualTo("execution");
            assertThat(samples.json().get("error").asText()).contains("too many samples");

            Http.Answer series = http.get("/api/v1/series?match[]=container_processes");
            JsonNode j = series.json();
            assertThat(j.get("data")).hasSize(2);
            assertThat(j.get("warnings").get(0).asText()).isEqualTo("results truncated due to limit");
            assertThat(http.get("/api/v1/series?match[]=container_processes&limit=1").json().get("data")).hasSize(1);
            assertThat(http.get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void configuredTimeoutAppliesWithoutAParameter(@TempDir Path dir) {
        ServerConfig cfg = limited(4, 1 << 20, 50_000_000, Duration.ofMillis(100), 100);
        try (TestData data = TestData.open(dir, T0, 600);
             HttpServer server = HttpServer.start(cfg, data.context(NOW))) {
            Http.Answer timeout = Http.of(server).get("/api/v1/query?query=" + Http.enc(SLOW));
            assertThat(timeout.status()).isEqualTo(503);
            assertThat(timeout.json().get("errorType").asText()).isEqualTo("timeout");
            Http.Answer param = Http.of(server).get("/api/v1/query?timeout=0.05&query=" + Http.enc(SLOW));
            assertThat(param.status()).as(param.body()).isEqualTo(503);
            assertThat(param.json().get("errorType").asText()).isEqualTo("timeout");
        }
    }

    @Test
    void concurrentQueriesOverTheLimitGet503(@TempDir Path dir) throws Exception {
        ServerConfig cfg = limited(1, 1 << 20, 500_000_000, Duration.ofSeconds(5), 100);
        try (TestData data = TestData.open(dir, T0, 600);
             HttpServer server = HttpServer.start(cfg, data.context(NOW))) {
            Http http = Http.of(server);
            CompletableFuture<Http.Answer> slow = CompletableFuture.supplyAsync(
                () -> http.get("/api/v1/query?query=" + Http.enc(SLOW)));
            Http.Answer refused = null;
            for (int i = 0; i < 100 && !slow.isDone(); i++) {
                Http.Answer a = http.get("/api/v1/query?query=1");
                if (a.status() == 503) {
                    refused = a;
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(refused).as("a query refused while the slow one runs").isNotNull();
            assertThat(refused.json().get("errorType").asText()).isEqualTo("unavailable");
            assertThat(refused.json().get("error").asText()).contains("too many concurrent queries");
            assertThat(slow.get().status()).isIn(200, 503);
            assertThat(http.get("/api/v1/query?query=1").status()).isEqualTo(200);
        }
    }
}
