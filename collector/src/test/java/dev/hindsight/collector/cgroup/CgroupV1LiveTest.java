package dev.hindsight.collector.cgroup;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.hindsight.storage.record.ContainerField.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against real cgroup v1 hierarchies of this machine kind: skipped where {@code /sys/fs/cgroup/memory}
 * is not a writable v1 hierarchy (not root, v2-only host, CI container). Only the process this
 * test starts is moved, and every cgroup it makes is removed.
 */
@Timeout(60)
class CgroupV1LiveTest {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final String[] CONTROLLERS = {"cpu", "cpuacct", "memory", "pids"};

    private static void assumeWritableV1() {
        Path memory = ROOT.resolve("memory");
        Assumptions.assumeTrue(Files.isRegularFile(memory.resolve("memory.usage_in_bytes"))
                        && Files.isWritable(memory),
                "skipped: no writable cgroup v1 memory hierarchy at " + memory);
    }

    @Test
    void realCgroupReadsThenVanishesAsGone() throws Exception {
        assumeWritableV1();
        String name = "hindsight-reader-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<Path> made = new ArrayList<>();
        Process child = null;
        try {
            for (String c : CONTROLLERS) {
                Path dir = ROOT.resolve(c).resolve(name);
                if (Files.isDirectory(ROOT.resolve(c))) {
                    Files.createDirectory(dir);
                    made.add(dir);
                }
            }
            child = new ProcessBuilder("sh", "-c", "read x; i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exec sleep 60")
                    .redirectErrorStream(true).start();
            String pid = Long.toString(child.pid());
            for (Path dir : made) {
                Files.writeString(dir.resolve("cgroup.procs"), pid);
            }
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            Thread.sleep(300);

            CgroupV1Reader reader = new CgroupV1Reader();
            ContainerStats stats = new ContainerStats();
            try (ContainerPaths paths = ContainerPaths.v1Under(ROOT, name, true)) {
                assertThat(reader.read(paths, stats)).isEqualTo(ReadResult.OK);
                assertThat(stats.get(PIDS_CURRENT)).isGreaterThanOrEqualTo(1);
                assertThat(stats.get(CPU_USAGE_NS)).isGreaterThan(0);
                assertThat(stats.get(MEMORY_USAGE_BYTES)).isGreaterThan(0);
                assertThat(stats.perCpuCount()).isEqualTo(
                        Files.readString(ROOT.resolve("cpuacct").resolve(name).resolve("cpuacct.usage_percpu"))
                                .trim().split(" ").length);
                long usage = stats.get(CPU_USAGE_NS);
                Thread.sleep(200);
                assertThat(reader.read(paths, stats)).isEqualTo(ReadResult.OK);
                assertThat(stats.get(CPU_USAGE_NS)).as("kept-open files are re-rendered").isGreaterThanOrEqualTo(usage);

                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
                removeAll(made);
                assertThat(reader.read(paths, stats)).as("ENODEV on kept-open descriptors").isEqualTo(ReadResult.GONE);
            }
        } finally {
            if (child != null) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            removeAll(made);
        }
    }

    /** Kills what is left in our own cgroups (only the child this test started and its descendants), then removes them. */
    private static void removeAll(List<Path> dirs) throws InterruptedException {
        for (Path dir : dirs) {
            try {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | NumberFormatException gone) {
                // already removed
            }
        }
        for (Path dir : dirs) {
            for (int attempt = 0; attempt < 50 && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException busy) {
                    Thread.sleep(100); // the killed process may not have left the cgroup yet
                }
            }
        }
    }
}
