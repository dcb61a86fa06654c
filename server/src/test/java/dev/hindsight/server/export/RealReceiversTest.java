package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.server.export.influx.LineProtocolEncoder;
import dev.hindsight.server.export.remotewrite.RemoteWriteEncoder;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote write to Debian's prometheus and victoria-metrics, line protocol to Debian's influxdb,
 * each started here on loopback. Mid-stream the sender JVM is SIGKILLed and the receiver is
 * stopped and started again; afterwards every sample the store holds for the chosen series
 * must be in the receiver with the same value. Then a throughput run.
 */
@Timeout(300)
class RealReceiversTest {
    private static final Logger LOG = LoggerFactory.getLogger(RealReceiversTest.class);
    private static final String METRICS_MEMORY = "container_memory_usage_bytes";
    private static final String METRICS_RX = "container_network_receive_bytes_total";

    @TempDir
    Path dir;

    @Test
    void prometheusRemoteWriteReceiver() throws Exception {
        try (Receiver rx = new Receiver.Prometheus(dir.resolve("prom"))) {
            scenario(rx, SinkConfig.Kind.REMOTE_WRITE);
        }
    }

    @Test
    void victoriaMetrics() throws Exception {
        try (Receiver rx = new Receiver.VictoriaMetrics(dir.resolve("vm"))) {
            scenario(rx, SinkConfig.Kind.REMOTE_WRITE);
        }
    }

    @Test
    void influxDb1() throws Exception {
        try (Receiver rx = new Receiver.Influx(dir.resolve("influx"))) {
            scenario(rx, SinkConfig.Kind.INFLUX_V1);
        }
    }

    private void scenario(Receiver rx, SinkConfig.Kind kind) throws Exception {
        long t0 = (System.currentTimeMillis() / 1000 - 300) * 1000;
        Path data = dir.resolve("data");
        rx.start();
        Process child = null;
        try (RawLog log = ExportFixture.open(data)) {
            RawLogWriter w = log.writer();
            ExportFixture.write(w, t0, 0, 30, 3);
            child = startChild(data, kind, rx.writeUrl(), "1");
            awaitSeries(rx, METRICS_MEMORY, t0, 20);
            ExportFixture.write(w, t0, 30, 45, 3);
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL mid-stream
            rx.stop();
            ExportFixture.write(w, t0, 45, 70, 3);
            child = startChild(data, kind, rx.writeUrl(), "2");
            awaitRetry(dir.resolve("child-2.log")); // it resumed and retries against the dead receiver
            rx.start();
            ExportFixture.write(w, t0, 70, 90, 3);
            for (String metric : List.of(METRICS_MEMORY, METRICS_RX)) {
                TreeMap<Long, Double> want = stored(data, log, metric);
                assertThat(want).hasSize(90);
                TreeMap<Long, Double> got = awaitSeries(rx, metric, t0, want.size());
                assertThat(got).as(metric + " in " + rx.binary).isEqualTo(want);
            }
        } finally {
            if (child != null) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        throughput(rx, kind);
    }

    private TreeMap<Long, Double> stored(Path data, RawLog log, String metric) {
        Map<String, TreeMap<Long, Double>> m = ExportFixture.stored(data, log,
            LabelMatcher.eq(Labels.METRIC_NAME, metric), LabelMatcher.eq("id", ExportFixture.CHOSEN_ID));
        assertThat(m).hasSize(1);
        return m.values().iterator().next();
    }

    private TreeMap<Long, Double> awaitSeries(Receiver rx, String metric, long t0, int count)
        throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        TreeMap<Long, Double> got;
        do {
            got = rx.samples(metric, ExportFixture.CHOSEN_ID, t0, t0 + 200_000);
            if (got.size() >= count) {
                return got;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(metric + ": " + got.size() + " of " + count + " samples arrived in "
            + rx.binary + "\nreceiver log:\n" + tail(rx.log()));
    }

    private static void awaitRetry(Path childLog) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> lines = java.nio.file.Files.readAllLines(childLog);
            if (!lines.isEmpty() && lines.get(lines.size() - 1).matches(".*retried=[1-9].*")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the restarted sender never retried:\n" + java.nio.file.Files.readString(childLog));
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    private Process startChild(Path data, SinkConfig.Kind kind, String url, String run) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.stream(System.getProperty("hindsight.test.jvm.flags", "").split(" "))
            .filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), ExportChild.class.getName(),
            data.toString(), kind.name(), url));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("child-" + run + ".log").toFile()).start();
    }

    /** Samples per second from a backlog of 50 containers x 120 s, sent in-process. */
    private void throughput(Receiver rx, SinkConfig.Kind kind) throws Exception {
        Path data = dir.resolve("throughput");
        long t0 = (System.currentTimeMillis() / 1000 - 240) * 1000;
        try (RawLog log = ExportFixture.open(data)) {
            ExportFixture.write(log.writer(), t0, 0, 120, 50);
            long total = ExportFixture.stored(data, log).values().stream().mapToLong(TreeMap::size).sum();
            SinkConfig sink = new SinkConfig("throughput", kind, rx.writeUrl(), Map.of("run", "throughput"),
                List.of(), 5_000, 200, 20, 500, 30_000, true, Map.of(), null);
            BatchEncoder enc = kind == SinkConfig.Kind.REMOTE_WRITE ? new RemoteWriteEncoder()
                : new LineProtocolEncoder();
            long start = System.nanoTime();
            try (ExportLoop l = new ExportLoop(sink, log, List.of(), enc, System::currentTimeMillis).start()) {
                while (l.counters().sent.get() + l.counters().failed.get() < total) {
                    assertThat(System.nanoTime() - start).as("throughput run time").isLessThan(120_000_000_000L);
                    Thread.sleep(5);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                assertThat(l.counters().failed.get()).isZero();
                LOG.info("THROUGHPUT {}: {} samples in {} s = {} samples/s", rx.binary, total,
                    String.format("%.2f", secs), Math.round(total / secs));
            }
        }
    }
}
