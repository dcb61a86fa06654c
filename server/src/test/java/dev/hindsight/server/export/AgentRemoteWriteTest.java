package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent, configured with a {@code remote_write:} block, collecting a real cgroup and
 * shipping to Debian's Prometheus: the agent is SIGKILLed once, the receiver stopped while
 * the agent collects on, both started again; the /metrics export counters show the retries;
 * after the last agent stop its unacknowledged tail is sent by the next start (here an export
 * service on the same data), and then every sample the store holds for the container's memory
 * series is in Prometheus with the same value.
 */
@Timeout(300)
class AgentRemoteWriteTest {
    private static final Pattern PORT = Pattern.compile("(?m)^port=(\\d+)$");

    @TempDir
    Path dir;

    @Test
    void agentOnARealCgroupShipsEveryStoredSampleAcrossKillsAndReceiverRestarts() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        long from = System.currentTimeMillis() - 60_000;
        Path data = dir.resolve("data");
        Process agent = null;
        try (Receiver rx = new Receiver.Prometheus(dir.resolve("prom")); TestCgroup cg = TestCgroup.create("hindsight-rw")) {
            cg.start("sleep 600");
            Path config = dir.resolve("hindsight.yaml");
            Files.writeString(config, String.join("\n",
                "interval: 1s",
                "data_dir: " + data,
                "listen: 127.0.0.1:0",
                "collector:",
                "  include_prefixes: [" + cg.path() + "]",
                "  docker_socket: /nonexistent",
                "remote_write:",
                "  - url: " + rx.writeUrl(),
                "    name: prom",
                "    queue_config: {max_samples_per_send: 500, batch_send_deadline: 300ms, min_backoff: 20ms,"
                    + " max_backoff: 200ms}",
                "    external_labels: {node: test-node}",
                ""));
            rx.start();
            agent = startAgent(config, "1");
            awaitCount(rx, cg.path(), from, 5);
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
            rx.stop();
            agent = startAgent(config, "2");
            int port = port(dir.resolve("agent-2.log"));
            long deadline = System.nanoTime() + 60_000_000_000L;
            double retried = 0;
            while (retried == 0 && System.nanoTime() < deadline) {
                retried = metric(port, "hindsight_export_samples_retried_total");
                Thread.sleep(200);
            }
            assertThat(retried).as("retries while the receiver is down, at /metrics").isPositive();
            rx.start();
            Thread.sleep(3_000);
            assertThat(metric(port, "hindsight_export_samples_sent_total")).isPositive();
            agent.destroy(); // SIGTERM: a clean stop, which leaves its last batch unacknowledged
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            agent = null;
            try (RawLog log = ExportFixture.open(data);
                 ExportService next = ExportService.start(ConfigLoader.load(config), log, List.of(),
                     System::currentTimeMillis)) {
                Map<String, TreeMap<Long, Double>> stored = ExportFixture.stored(data, log,
                    LabelMatcher.eq(Labels.METRIC_NAME, "container_memory_usage_bytes"),
                    LabelMatcher.eq("id", cg.path()));
                assertThat(stored).hasSize(1);
                TreeMap<Long, Double> want = stored.values().iterator().next();
                assertThat(want.size()).isGreaterThan(8);
                TreeMap<Long, Double> got = awaitCount(rx, cg.path(), from, want.size());
                assertThat(got).isEqualTo(want);
                assertThat(next.sinks().get(0).counters().failed.get()).isZero();
            }
        } finally {
            if (agent != null) {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private TreeMap<Long, Double> awaitCount(Receiver rx, String id, long from, int n) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        TreeMap<Long, Double> got;
        do {
            got = rx.samples("container_memory_usage_bytes", id, from, System.currentTimeMillis() + 5_000);
            if (got.size() >= n) {
                return got;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(got.size() + " of " + n + " samples in Prometheus");
    }

    private static double metric(int port, String name) throws IOException, InterruptedException {
        String body = Receiver.HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") && line.contains("name=\"prom\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static int port(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = PORT.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("agent did not start:\n" + Files.readString(log));
    }

    private Process startAgent(Path config, String run) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.stream(System.getProperty("hindsight.test.jvm.flags", "").split(" "))
            .filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), AgentChild.class.getName(),
            config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent-" + run + ".log").toFile()).start();
    }
}
