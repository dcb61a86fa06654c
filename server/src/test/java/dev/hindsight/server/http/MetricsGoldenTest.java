package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.series.MetricCatalog;
import dev.hindsight.storage.series.MetricInfo;
import dev.hindsight.storage.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} byte for byte against a plain reference rendering (regex selection, sort,
 * one String per line, {@link Double#toString}): the cached layout and the byte-buffer writer
 * must not change a single character, on the first scrape, on a repeated one, and after more data.
 */
@Timeout(120)
class MetricsGoldenTest {
    @Test
    void sameBytesAsThePlainRendering(@TempDir Path dir) {
        long t0 = MetricsEndpointTest.T0;
        try (TestData data = TestData.open(dir, t0, 90);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(t0 + 90_000))) {
            Http http = Http.of(server);
            String first = http.get("/metrics").body();
            assertThat(first).isEqualTo(reference(data.store) + "# HELP hindsight_samples_written_total Samples written.\n"
                + "# TYPE hindsight_samples_written_total counter\nhindsight_samples_written_total 270\n");
            assertThat(http.get("/metrics").body()).isEqualTo(first);
            data.append(7);
            String later = http.get("/metrics").body();
            assertThat(later).isNotEqualTo(first).startsWith(reference(data.store));
            assertThat(first.lines().filter(l -> !l.startsWith("#")).count()).isGreaterThan(40);
        }
    }

    @Test
    void sameBytesWhileTheStoreIsYoungerThanTheFreshnessWindow(@TempDir Path dir) {
        long t0 = MetricsEndpointTest.T0;
        try (TestData data = TestData.open(dir, t0, 12);
             HttpServer server = HttpServer.start(TestData.loopback(), data.context(t0 + 12_000))) {
            String body = Http.of(server).get("/metrics").body();
            assertThat(body).startsWith(reference(data.store)).contains("container_memory_working_set_bytes{");
        }
    }

    /** The exposition as the first implementation wrote it, without the agent's own metrics. */
    static String reference(Store store) {
        long newest = store.newestTimestamp();
        List<LabelMatcher> all = List.of(LabelMatcher.of(LabelMatcher.Op.RE, Labels.METRIC_NAME, ".+"));
        Map<String, List<Series>> byName = new TreeMap<>();
        for (Series s : store.select(all, SelectHints.raw(newest - 30_000, newest)).series()) {
            byName.computeIfAbsent(s.labels().metricName(), k -> new ArrayList<>()).add(s);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Series>> e : byName.entrySet()) {
            List<Series> list = e.getValue();
            list.sort((a, b) -> a.labels().compareTo(b.labels()));
            boolean started = false;
            for (Series s : list) {
                SampleCursor c = s.cursor();
                Double v = null;
                while (c.next()) {
                    v = c.value();
                }
                if (v == null) {
                    continue;
                }
                if (!started) {
                    Optional<MetricInfo> info = MetricCatalog.metadata(e.getKey());
                    String help = info.map(MetricInfo::help).orElse("").replace("\\", "\\\\").replace("\n", "\\n");
                    sb.append("# HELP ").append(e.getKey()).append(' ').append(help).append('\n')
                        .append("# TYPE ").append(e.getKey()).append(' ')
                        .append(info.map(i -> i.type().promName()).orElse("untyped")).append('\n');
                    started = true;
                }
                sb.append(e.getKey());
                String sep = "{";
                for (int i = 0; i < s.labels().size(); i++) {
                    if (!s.labels().name(i).equals(Labels.METRIC_NAME)) {
                        sb.append(sep).append(s.labels().name(i)).append("=\"")
                            .append(s.labels().value(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                            .append('"');
                        sep = ",";
                    }
                }
                sb.append(sep.equals(",") ? "} " : " ");
                double d = v;
                sb.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
