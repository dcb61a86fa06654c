package dev.hindsight.server.http;

import dev.hindsight.collector.it.TestEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client: Debian's {@code prometheus} scrapes Hindsight's {@code /metrics} every second
 * with basic auth, while the test feeds a container's CPU counter in real time; Prometheus's own
 * API must then hold {@code container_cpu_usage_seconds_total} of that container with
 * cAdvisor's labels and rising values.
 */
@Timeout(180)
class PrometheusScrapeTest {
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static JsonNode waitFor(String what, Supplier<JsonNode> probe, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                JsonNode n = probe.get();
                if (n != null) {
                    return n;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void prometheusScrapesCadvisorNamedSeriesWithRisingValues(@TempDir Path dir) throws Exception {
        Path prometheus = TestEnvironment.requireCommand("prometheus");
        long t0 = System.currentTimeMillis() / 1000 * 1000 - 5_000;
        Path users = SecurityTest.htpasswd(dir, "prom", "scrape-pw");
        ServerConfig cfg = TestData.loopback().withAuth(new ServerConfig.Auth(users, true));
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
        Process process = null;
        try (TestData data = TestData.openLive(dir.resolve("data"), t0, 6);
             HttpServer server = HttpServer.start(cfg, data.context(System.currentTimeMillis()))) {
            java.util.concurrent.atomic.AtomicReference<Throwable> feedFailure = new java.util.concurrent.atomic.AtomicReference<>();
            feeder.scheduleAtFixedRate(() -> {
                try {
                    while (data.newest() + 1000 <= System.currentTimeMillis()) {
                        data.append(1);
                    }
                } catch (Throwable t) {
                    feedFailure.compareAndSet(null, t);
                    throw t;
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            int promPort = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: hindsight
                    basic_auth:
                      username: prom
                      password: scrape-pw
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(server.port()));
            process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            Http prom = new Http("http://127.0.0.1:" + promPort);
            waitFor("prometheus ready", () -> prom.get("/-/ready").status() == 200 ? Http.JSON.nullNode() : null, 60_000);

            String selector = "container_cpu_usage_seconds_total{name=\"web\"}";
            JsonNode series = waitFor("two scrapes of web's CPU", () -> {
                JsonNode r = prom.get("/api/v1/query?query=" + Http.enc(selector + "[1m]")).json().at("/data/result");
                return r.size() == 1 && r.get(0).get("values").size() >= 3 ? r.get(0) : null;
            }, 60_000);
            JsonNode metric = series.get("metric");
            assertThat(metric.get("__name__").asText()).isEqualTo("container_cpu_usage_seconds_total");
            assertThat(metric.get("id").asText()).isEqualTo(TestData.WEB);
            assertThat(metric.get("image").asText()).isEqualTo("img/web:1");
            assertThat(metric.get("cpu").asText()).isEqualTo("total");
            assertThat(metric.get("job").asText()).isEqualTo("hindsight");
            assertThat(metric.get("instance").asText()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(feedFailure.get()).isNull();
            List<Double> values = new ArrayList<>();
            series.get("values").forEach(v -> values.add(Double.parseDouble(v.get(1).asText())));
            assertThat(values.get(values.size() - 1)).as(series + "\nnewest " + data.newest() + " store "
                + data.store.newestTimestamp() + "\n" + Http.of(server).withBasicAuth("prom", "scrape-pw").get("/metrics").body()
                .lines().filter(l -> l.contains("cpu_usage")).toList()).isGreaterThan(values.get(0));
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i)).isGreaterThanOrEqualTo(values.get(i - 1));
            }
            JsonNode up = prom.get("/api/v1/query?query=up").json().at("/data/result/0/value/1");
            assertThat(up.asText()).isEqualTo("1");
            JsonNode info = prom.get("/api/v1/query?query=" + Http.enc("container_memory_working_set_bytes{name=\"db\"}"))
                .json().at("/data/result/0/metric/container_label_tier");
            assertThat(info.isMissingNode() || info.asText().equals("web")).isTrue();
        } finally {
            feeder.shutdownNow();
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
