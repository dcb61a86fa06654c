package dev.hindsight.collector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.Collector;
import dev.hindsight.collector.CollectorConfig;
import dev.hindsight.collector.discovery.CgroupMounts;
import dev.hindsight.collector.discovery.ContainerFilter;
import dev.hindsight.collector.docker.DockerDirectory;
import dev.hindsight.storage.raw.ContainerRegistry;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against a real Docker daemon: the one {@code ./hindsight test} starts
 * (socket in HINDSIGHT_TEST_DOCKER_SOCKET) with a busybox image imported from Debian's
 * busybox-static. A named, labelled container with limits must be recorded with Docker's
 * name, image, labels and limits, and its CPU must grow.
 */
@Timeout(120)
class DockerCollectorTest {
    static final String IMAGE = "hindsight-test/busybox:1";

    @TempDir
    Path data;

    @Test
    void dockerContainerIsRecordedWithItsNameImageLabelsAndLimits() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        String socket = System.getenv("HINDSIGHT_TEST_DOCKER_SOCKET");
        TestEnvironment.require(socket != null && Files.exists(Path.of(socket)),
                "needs a Docker daemon: run through ./hindsight test (sets HINDSIGHT_TEST_DOCKER_SOCKET)");
        String name = "hs-it-" + UUID.randomUUID().toString().substring(0, 8);
        String id = docker(socket, "run", "-d", "--name", name, "--label", "app=web", "--label", "tier=front",
                "--memory", "64m", "--cpus", "0.5", IMAGE, "sh", "-c", "while :; do :; done")
                .lines().filter(l -> l.matches("[0-9a-f]{64}")).findFirst().orElseThrow();
        try (RawLog log = RawLog.open(data); ContainerRegistry registry = ContainerRegistry.open(data);
             DockerDirectory dockerDir = DockerDirectory.connect(Path.of(socket))) {
            CollectorConfig config = CollectorConfig.defaults()
                    .withFilter(new ContainerFilter(List.of("/docker"), List.of(), true))
                    .withDockerSocket(Path.of(socket));
            try (Collector c = new Collector(config, log, registry, System::currentTimeMillis,
                    CgroupMounts.read(Path.of("/proc/self/mountinfo")), dockerDir, null)) {
                String path = "/docker/" + id;
                ContainerSpec spec = null;
                long deadline = System.currentTimeMillis() + 15_000;
                while (System.currentTimeMillis() < deadline) {
                    c.collectAll(System.currentTimeMillis());
                    LogContents contents = LogContents.read(log);
                    spec = contents.specs.get(contents.idOf(path));
                    if (spec != null && spec.name().equals(name) && contents.samplesOf(path).size() >= 3) {
                        break;
                    }
                    Thread.sleep(300);
                }
                assertThat(spec).as("spec of %s", path).isNotNull();
                assertThat(spec.name()).isEqualTo(name);
                assertThat(spec.image()).isEqualTo(IMAGE);
                assertThat(spec.runtime()).isEqualTo("docker");
                assertThat(spec.labels()).containsEntry("app", "web").containsEntry("tier", "front");
                assertThat(spec.memoryLimitBytes()).isEqualTo(64L << 20);
                assertThat(spec.cpuQuotaUs()).isEqualTo(50_000);
                assertThat(spec.cpuPeriodUs()).isEqualTo(100_000);
                List<LogContents.Sample> samples = LogContents.read(log).samplesOf(path);
                assertThat(samples.size()).isGreaterThanOrEqualTo(3);
                long first = samples.get(0).get(ContainerField.CPU_USAGE_NS);
                long last = samples.get(samples.size() - 1).get(ContainerField.CPU_USAGE_NS);
                assertThat(last).isGreaterThan(first);
                // docker_only: nothing but Docker's containers (and the root) is collected
                assertThat(LogContents.read(log).specs.values())
                        .allMatch(s -> s.runtime().equals("docker") || s.cgroupPath().equals("/"));
            }
        } finally {
            docker(socket, "rm", "-f", name);
        }
    }

    static String docker(String socket, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/docker", "-H", "unix://" + socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("docker %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
