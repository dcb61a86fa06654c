package dev.hindsight.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class PeerExportTest {
    @Test
    void rendersLabelsAndValuesAsPrometheusParsesThem() {
        assertThat(PeerExport.render(Labels.of("__name__", "m", "b", "x\"y", "a", "1")))
            .isEqualTo("m{a=\"1\",b=\"x\\\"y\"}");
        assertThat(PeerExport.formatValue(42)).isEqualTo("42");
        assertThat(PeerExport.formatValue(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(PeerExport.formatValue(0.25)).isEqualTo("0.25");
    }

    @Test
    void exportsEverySeriesValueOnceToBothFormatsWithOneOpenMetricsFilePerPrometheusBlock(@TempDir Path dir)
            throws Exception {
        long boundary = 236_112 * PeerExport.BLOCK_MS; // a 2 h block edge; the second tick falls on it
        long start = boundary - 10_000;
        SyntheticFleet fleet = new SyntheticFleet(3, start, start + 30_000, 10_000, 1);
        SyntheticFleet.Written[] w = new SyntheticFleet.Written[1];
        HindsightPeer.writeRawLog(fleet, dir.resolve("hs"), w);
        assertThat(w[0].containerSamples()).isEqualTo(9);
        PeerExport.Counts c;
        try (RawLog log = RawLog.open(dir.resolve("hs"), net.openhft.chronicle.queue.RollCycles.FAST_HOURLY, null, true)) {
            c = PeerExport.export(log, dir.resolve("om"), dir.resolve("vm"));
        }
        List<Path> files = PeerExport.openMetricsFiles(dir.resolve("om"));
        assertThat(files).hasSize(2);
        List<String> before = Files.readAllLines(files.get(0));
        List<String> after = Files.readAllLines(files.get(1));
        assertThat(before.get(before.size() - 1)).isEqualTo("# EOF");
        assertThat(after.get(after.size() - 1)).isEqualTo("# EOF");
        assertThat(before.subList(0, before.size() - 1)).allMatch(l -> l.endsWith(" " + start / 1000));
        assertThat(after.subList(0, after.size() - 1)).noneMatch(l -> l.endsWith(" " + start / 1000));
        List<String> om = new java.util.ArrayList<>(before.subList(0, before.size() - 1));
        om.addAll(after.subList(0, after.size() - 1));
        List<String> vm = Files.readAllLines(dir.resolve("vm"));
        assertThat(om).hasSize((int) c.samples());
        assertThat(vm).hasSize((int) c.samples());
        // 3 containers x 3 ticks x (26 or 29 fields + 8 network + spec gauges)
        assertThat(c.samples()).isBetween(9L * 35, 9L * 50);
        assertThat(c.series() * 3L).isEqualTo(c.samples());
        String first = om.get(0);
        assertThat(first).startsWith("container_").endsWith(" " + start / 1000);
        assertThat(vm.get(0)).endsWith(" " + start);
        assertThat(om).anyMatch(l -> l.startsWith("container_cpu_usage_seconds_total{cpu=\"total\",id=\"/docker/"));
    }
}
