package dev.hindsight.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.server.agent.Agent;
import dev.hindsight.storage.config.ConfigLoader;
import dev.hindsight.storage.config.HindsightConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private Docker daemon stops and starts again under a running agent: while it is down
 * the agent keeps collecting (a plain cgroup's samples keep coming), and once it is back
 * the restarted container's samples carry its Docker name again.
 */
@Timeout(300)
class DockerRestartTest {
    private static final String IMAGE = "hindsight-test/busybox:1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void collectionGoesOnWhileDockerIsDownAndNamesComeBack() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        String socket = System.getenv("HINDSIGHT_TEST_DOCKER_SOCKET");
        TestEnvironment.require(socket != null && Files.exists(Path.of(socket)),
            "needs a Docker daemon: run through ./hindsight test (sets HINDSIGHT_TEST_DOCKER_SOCKET)");
        String name = "hs-restart-" + UUID.randomUUID().toString().substring(0, 8);
        docker(socket, "run", "-d", "--restart=always", "--name", name, IMAGE, "sleep", "600");
        try (TestCgroup cg = TestCgroup.create("hindsight-dockerdown")) {
            cg.start("sleep 600");
            HindsightConfig config = ConfigLoader.parse("docker.yaml", String.join("\n", "interval: 250ms",
                "data_dir: " + data, "collector:", "  include_prefixes: [/docker, " + cg.path() + "]",
                "  docker_socket: " + socket, ""));
            try (Agent agent = Agent.start(config, null, "127.0.0.1:0")) {
                String base = "http://127.0.0.1:" + agent.httpPort();
                String byName = "timestamp(container_memory_usage_bytes{name=\"" + name + "\"})";
                String plain = "sum(count_over_time(container_memory_usage_bytes{id=\"" + cg.path() + "\"}[1h]))";
                try {
                    DiskFullTest.waitFor(() -> value(base, byName) > 0, 30_000, "docker name before the restart");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; docker series: " + get(base,
                        "count by (id, name) (container_memory_usage_bytes{id=~\"/docker.*\"})"), e);
                }

                assertThat(script(socket, "stop")).as("stop dockerd").isTrue();
                long stoppedAt = System.currentTimeMillis();
                double before = value(base, plain);
                Thread.sleep(3_000);
                assertThat(value(base, plain)).as("collection goes on while docker is down").isGreaterThan(before + 4);

                assertThat(script(socket, "start")).as("start dockerd").isTrue();
                // the container restarts (restart=always) and its samples carry the name again
                DiskFullTest.waitFor(() -> value(base, byName) * 1000 > stoppedAt + 1_000, 90_000,
                    "docker name after the restart");
                System.out.printf("DOCKER-RESTART name back %.1fs after the daemon stopped%n",
                    (System.currentTimeMillis() - stoppedAt) / 1000.0);
            }
        } finally {
            if (Files.exists(Path.of(socket)) || script(socket, "start")) {
                docker(socket, "rm", "-f", name);
            }
        }
    }

    private String get(String base, String q) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
            + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private double value(String base, String q) throws Exception {
        JsonNode r = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
            + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode result = r.path("data").path("result");
        double max = Double.NaN;
        for (JsonNode s : result) {
            double v = Double.parseDouble(s.path("value").get(1).asText());
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }

    private static boolean script(String socket, String action) throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/docker-test-daemon.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), action).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HINDSIGHT_DOCKER_STATE", Path.of(socket).getParent().toString());
        Process p = pb.start();
        return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static String docker(String socket, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "docker";
        cmd[1] = "-H";
        cmd[2] = "unix://" + socket;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
