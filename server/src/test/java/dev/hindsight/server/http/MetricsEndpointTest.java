package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics}: the newest value of each series in text format 0.0.4 or OpenMetrics, plus the agent's own. */
@Timeout(120)
class MetricsEndpointTest {
    static final long T0 = 1_700_000_400_000L;

    @Test
    void textFormatHasEveryCurrentSeriesOnceWithCadvisorNames(@TempDir Path dir) {
        try (TestData data = TestData.open(dir, T0, 120);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(T0 + 120_000))) {
            Http.Answer a = Http.of(server).get("/metrics");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.raw().headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            List<String> lines = Arrays.asList(a.body().split("\n"));
            assertThat(lines).contains("# TYPE container_cpu_usage_seconds_total counter",
                "# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.",
                "# TYPE container_memory_working_set_bytes gauge",
                "container_memory_working_set_bytes{id=\"" + TestData.WEB + "\",image=\"img/web:1\",name=\"web\"} 1119",
                "container_network_receive_bytes_total{id=\"" + TestData.WEB
                    + "\",image=\"img/web:1\",interface=\"eth0\",name=\"web\"} 11900",
                "hindsight_samples_written_total 360");
            String cpu = "container_cpu_usage_seconds_total{cpu=\"total\",id=\"" + TestData.DB
                + "\",image=\"img/db:1\",name=\"db\"} ";
            String cpuLine = lines.stream().filter(l -> l.startsWith(cpu)).findFirst().orElseThrow();
            assertThat(Double.parseDouble(cpuLine.substring(cpu.length())))
                .isCloseTo(29.75, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(lines.stream().filter(l -> l.startsWith("# TYPE container_cpu_usage_seconds_total"))).hasSize(1);
            assertThat(lines.stream().filter(l -> l.startsWith("container_processes{"))).hasSize(3);
            assertThat(lines).noneMatch(l -> l.startsWith("container_") && l.contains("__name__"));
            assertThat(a.body()).doesNotContain("# EOF");
        }
    }

    @Test
    void openMetricsWhenAcceptAsks(@TempDir Path dir) {
        try (TestData data = TestData.open(dir, T0, 60);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(T0 + 60_000))) {
            Http.Answer a = Http.of(server).get("/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
            assertThat(a.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/openmetrics-text");
            List<String> lines = Arrays.asList(a.body().split("\n"));
            assertThat(lines).contains("# TYPE container_cpu_usage_seconds counter",
                "# TYPE container_memory_failcnt unknown");
            assertThat(lines).doesNotContain("# TYPE container_cpu_usage_seconds_total_total counter");
            assertThat(lines.stream().filter(l -> l.startsWith("container_cpu_usage_seconds_total{"))).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
        }
    }

    @Test
    void emptyStoreStillServesOwnMetrics(@TempDir Path dir) {
        try (TestData data = TestData.open(dir, T0, 1);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(T0))) {
            Http.Answer a = Http.of(server).get("/metrics");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).contains("hindsight_samples_written_total 3");
        }
    }
}
