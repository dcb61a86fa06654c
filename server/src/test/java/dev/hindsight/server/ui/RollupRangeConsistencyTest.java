package dev.hindsight.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The container page's 3-hour CPU query (10 s rollup, 20 s step) over the UI test's two hours
 * of data, asked again and again once the store has replayed them, while it follows live
 * writes and compacts finished rollup cycles into block files: every answer covers the two
 * hours, whether a cycle's buckets come from the queue, a block file or the head.
 */
@Timeout(180)
class RollupRangeConsistencyTest {
    @Test
    void everyAnswerCoversTheDataWhileCompactionRuns(@TempDir Path dir) throws Exception {
        try (UiServer server = UiServer.start(dir.resolve("data"))) {
            HttpClient http = HttpClient.newHttpClient();
            String q = "sum(rate(container_cpu_usage_seconds_total{name=\"web\"}[80s]))";
            long deadline = System.nanoTime() + 20_000_000_000L;
            int asked = 0;
            while (System.nanoTime() < deadline) {
                long end = System.currentTimeMillis() / 1000 / 20 * 20;
                String url = server.baseUrl() + "/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                    + "&start=" + (end - 3 * 3600) + "&end=" + end + "&step=20";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode result = new ObjectMapper().readTree(r.body()).path("data").path("result");
                int points = result.isEmpty() ? 0 : result.get(0).path("values").size();
                assertThat(points).as("answer %d: points over the two hours of data", asked).isBetween(340, 390);
                asked++;
                Thread.sleep(200);
            }
            assertThat(asked).isGreaterThan(10);
        }
    }
}
