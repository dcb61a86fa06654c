package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests Grafana's Prometheus data source sends: when it is saved and tested (an
 * instant {@code 1+1} query by form POST, then buildinfo), when the query editor opens
 * (labels, metric names, metadata, label values and series for a metric) and when a panel
 * loads (query_range by form POST with numeric seconds and a step), with Grafana's headers.
 * Each answer is checked for the fields Grafana's parser reads.
 */
@Timeout(120)
class GrafanaSequenceTest {
    static final long T0 = 1_700_000_400_000L;

    static Http.Answer grafanaPost(Http http, String path, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.base() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("User-Agent", "Grafana/10.4.1")
            .header("Accept", "application/json, text/plain, */*")
            .header("X-Grafana-Org-Id", "1")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        return http.send(b);
    }

    static Http.Answer grafanaGet(Http http, String pathAndQuery) {
        return http.get(pathAndQuery, "User-Agent", "Grafana/10.4.1", "Accept", "application/json, text/plain, */*",
            "X-Grafana-Org-Id", "1");
    }

    static JsonNode success(Http.Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode j = a.json();
        assertThat(j.get("status").asText()).isEqualTo("success");
        return j.get("data");
    }

    @Test
    void dataSourceTestEditorAndPanel(@TempDir Path dir) {
        long now = T0 + 599_000;
        try (TestData data = TestData.open(dir, T0, 600);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(now))) {
            Http http = Http.of(server);
            String start = Long.toString((now - 300_000) / 1000);
            String end = Long.toString(now / 1000);

            // Save & test
            JsonNode health = success(grafanaPost(http, "/api/v1/query", "query=1%2B1&time=" + end + ".123"));
            assertThat(health.get("resultType").asText()).isEqualTo("scalar");
            assertThat(health.get("result").get(1).asText()).isEqualTo("2");
            JsonNode build = success(grafanaGet(http, "/api/v1/status/buildinfo"));
            assertThat(build.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");

            // Query editor: labels, metric names, metadata, label values and series of a metric
            JsonNode labels = success(grafanaPost(http, "/api/v1/labels", "start=" + start + "&end=" + end));
            assertThat(labels.isArray()).isTrue();
            assertThat(labels).extracting(JsonNode::asText).contains("__name__", "name", "image");
            JsonNode names = success(grafanaGet(http, "/api/v1/label/__name__/values?start=" + start + "&end=" + end));
            assertThat(names).extracting(JsonNode::asText).contains("container_cpu_usage_seconds_total");
            JsonNode meta = success(grafanaGet(http, "/api/v1/metadata"));
            assertThat(meta.get("container_cpu_usage_seconds_total").get(0).get("type").asText()).isEqualTo("counter");
            assertThat(meta.get("container_cpu_usage_seconds_total").get(0).get("help").asText()).isNotEmpty();
            JsonNode values = success(grafanaGet(http, "/api/v1/label/name/values?match%5B%5D="
                + Http.enc("container_cpu_usage_seconds_total") + "&start=" + start + "&end=" + end));
            assertThat(values).extracting(JsonNode::asText).contains("web", "db");
            JsonNode series = success(grafanaGet(http, "/api/v1/series?match%5B%5D="
                + Http.enc("container_cpu_usage_seconds_total{name=\"web\"}") + "&start=" + start + "&end=" + end));
            assertThat(series).hasSize(1);
            assertThat(series.get(0).get("id").asText()).isEqualTo(TestData.WEB);

            // Panel: range query, step in seconds, start/end aligned to the step
            JsonNode panel = success(grafanaPost(http, "/api/v1/query_range", "query="
                + Http.enc("sum by (name) (rate(container_cpu_usage_seconds_total{image!=\"\"}[1m]))")
                + "&start=" + (Long.parseLong(start) / 15 * 15) + "&end=" + (Long.parseLong(end) / 15 * 15) + "&step=15"));
            assertThat(panel.get("resultType").asText()).isEqualTo("matrix");
            assertThat(panel.get("result")).hasSize(2);
            for (JsonNode s : panel.get("result")) {
                assertThat(s.get("metric").isObject()).isTrue();
                assertThat(s.get("values")).hasSize(21);
                for (JsonNode point : s.get("values")) {
                    assertThat(point.get(0).isNumber()).isTrue();
                    assertThat(point.get(0).asLong() % 15).isZero();
                    assertThat(point.get(1).isTextual()).isTrue();
                    double rate = Double.parseDouble(point.get(1).asText());
                    // served from the 10 s rollup: within 2 % of the written slope at every step,
                    // including the last, whose newest bucket is still partial
                    assertThat(rate).isCloseTo(s.get("metric").get("name").asText().equals("web") ? 0.5 : 0.25,
                        org.assertj.core.data.Percentage.withPercentage(2));
                }
            }
            // A panel with an instant query and a timeout, as Grafana sends for "Instant"
            JsonNode instant = success(grafanaPost(http, "/api/v1/query", "query="
                + Http.enc("topk(1, container_memory_working_set_bytes)") + "&time=" + end + "&timeout=30s"));
            assertThat(instant.get("result").get(0).get("metric").get("name").asText()).isEqualTo(TestData.CRON);
        }
    }
}
