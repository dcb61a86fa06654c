package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hindsight.server.export.influx.LineProtocolEncoder;
import dev.hindsight.server.http.metrics.MetricsWriter;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.raw.RawLog;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The InfluxDB 2.x request (path, query, token) and the sinks' families at /metrics. */
@Timeout(60)
class InfluxV2AndMetricsTest {
    @TempDir
    Path dir;

    @Test
    void influx2WritesCarryOrgBucketAndTokenAndTheCountersReachMetrics() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " "
                + ex.getRequestHeaders().getFirst("Authorization") + "\n" + body);
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try (RawLog log = ExportFixture.open(dir)) {
            long t0 = (System.currentTimeMillis() / 1000 - 60) * 1000;
            ExportFixture.write(log.writer(), t0, 0, 3, 1);
            List<SinkConfig> sinks = ExportConfigParser.parse(ConfigLoader.parse("t.yaml", """
                influxdb:
                  url: http://127.0.0.1:%d
                  org: acme
                  bucket: node metrics
                  token: s3cret
                  external_labels: {node: n1}
                  queue_config: {batch_send_deadline: 50ms}
                """.formatted(server.getAddress().getPort())).sections());
            try (ExportService svc = ExportService.start(sinks, log, List.of(), System::currentTimeMillis)) {
                ExportCounters c = svc.sinks().get(0).counters();
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (c.sent.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(c.sent.get()).isPositive();
                String first = requests.get(0);
                assertThat(first).startsWith("POST /api/v2/write?org=acme&bucket=node+metrics&precision=ms Token s3cret\n");
                assertThat(first).contains("container_memory_usage_bytes,id=/docker/c1,image=img/web:1,name=web-1,"
                    + "node=n1 value=1000000.0 " + t0 + "\n");
                StringWriter out = new StringWriter();
                svc.selfMetrics().write(new MetricsWriter(out, false));
                String name = "127.0.0.1:" + server.getAddress().getPort();
                assertThat(out.toString()).contains("# TYPE hindsight_export_samples_sent_total counter\n"
                    + "hindsight_export_samples_sent_total{name=\"" + name + "\",url=\"http://" + name
                    + "/api/v2/write?org=acme&bucket=node+metrics&precision=ms\"} " + c.sent.get());
                assertThat(out.toString()).contains("# TYPE hindsight_export_lag_seconds gauge");
                assertThat(new LineProtocolEncoder().headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void passwordsInUrlsStayOutOfMetrics() {
        assertThat(ExportSelfMetrics.redacted("https://u:pw@h:1/api/v1/write")).isEqualTo("https://h:1/api/v1/write");
        assertThat(ExportSelfMetrics.redacted("http://h/x?a=b@c")).isEqualTo("http://h/x?a=b@c");
    }
}
