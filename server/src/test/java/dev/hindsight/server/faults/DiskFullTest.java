package dev.hindsight.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process with its data directory on a small tmpfs that the test fills up: the
 * agent keeps collecting (ticks go on), counts what it drops, keeps answering queries, and
 * writes again once a filler file is deleted.
 */
@Timeout(240)
class DiskFullTest {
    @TempDir
    Path dir;

    @Test
    void fullDiskDropsAndCountsThenWritingResumes() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        assertThat(run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mnt.toString())).as("mount tmpfs").isTrue();
        try (TestCgroup cg = TestCgroup.create("hindsight-full")) {
            cg.start("sleep 600");
            Path config = dir.resolve("hindsight.yaml");
            Files.writeString(config, String.join("\n", "interval: 250ms", "data_dir: " + mnt.resolve("data"),
                "collector:", "  include_prefixes: [" + cg.path() + "]", "  docker_socket: /nonexistent", ""));
            String count = "sum(count_over_time(container_memory_usage_bytes{id=\"" + cg.path() + "\"}[1h]))";
            try (AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"))) {
                try {
                    exercise(agent, mnt, count);
                } catch (AssertionError | Exception e) {
                    String out = agent.outputText();
                    throw new AssertionError(e + "\n--- agent output (tail) ---\n" + out.substring(Math.max(0,
                        out.length() - 4_000)) + "\n--- threads ---\n" + agent.threadDump(), e);
                }
            }
        } finally {
            run("umount", "-l", mnt.toString());
        }
    }

    private static void exercise(AgentProcess agent, Path mnt, String count) throws Exception {
        assertThat(agent.awaitHealthy(60_000)).as(agent::outputText).isTrue();
        waitFor(() -> agent.value(count, -1) >= 4, 30_000, "first samples");

        Path filler = mnt.resolve("filler");
        long filled = fill(filler);
        waitFor(() -> agent.metric("hindsight_raw_records_dropped_total") > 0, 60_000, "drops counted");
        double ticks = agent.metric("hindsight_collector_ticks_total");
        double storedWhileFull = agent.value(count, -1);
        Thread.sleep(3_000);
        assertThat(agent.process.isAlive()).as(agent::outputText).isTrue();
        assertThat(agent.metric("hindsight_collector_ticks_total")).as("collection goes on").isGreaterThan(ticks + 4);
        assertThat(agent.status("/healthz")).isEqualTo(200);
        assertThat(agent.value(count, -1)).as("queries keep working").isGreaterThanOrEqualTo(4);
        double dropped = agent.metric("hindsight_raw_records_dropped_total");

        // hindsight_raw_records_written_total counts events and specs only (the collector adds
        // container samples to the dropped counter alone), so resumption is seen in the samples
        Files.delete(filler);
        waitFor(() -> agent.value(count, -1) > storedWhileFull + 4, 60_000, "writing resumes: new samples queryable");
        double droppedAfter = agent.metric("hindsight_raw_records_dropped_total");
        Thread.sleep(2_000);
        assertThat(agent.metric("hindsight_raw_records_dropped_total")).as("no drops once space returned")
            .isEqualTo(droppedAfter);
        System.out.printf("DISK-FULL filler=%d bytes dropped=%.0f (%.0f when resumed); samples stored while full=%.0f, "
            + "after=%.0f%n", filled, dropped, droppedAfter, storedWhileFull, agent.value(count, -1));
        assertThat(agent.process.isAlive()).isTrue();
    }

    /**
     * Writes zeros to {@code file} until the file system is full, in ever smaller pieces so that
     * not even a page is left; the bytes written.
     */
    private static long fill(Path file) throws IOException {
        long n = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int size = 64 * 1024; size >= 512; size /= 8) {
                byte[] chunk = new byte[size];
                try {
                    while (true) {
                        out.write(chunk);
                        n += chunk.length;
                    }
                } catch (IOException full) {
                    if (!String.valueOf(full.getMessage()).contains("space")) {
                        throw full;
                    }
                }
            }
        }
        return n;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, long timeoutMs, String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeoutMs + " ms: " + what);
    }

    static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
