package dev.hindsight.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.it.LogContents;
import dev.hindsight.collector.it.TestCgroup;
import dev.hindsight.collector.it.TestEnvironment;
import dev.hindsight.storage.record.ContainerField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process SIGKILLed at a random moment 20 times in a row while it collects a
 * loaded real cgroup (some kills land during start-up and replay, most during collection):
 * after every restart the store opens, queries work over HTTP, and for the watched cgroup
 * {@code count_over_time} over its whole history equals the number of samples in the raw log
 * — none missing, none counted twice — and the raw log itself holds no timestamp twice.
 */
@Timeout(600)
class SigkillTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void twentyKillsLoseNothingAndCountNothingTwice() throws Exception {
        TestEnvironment.requireRootAndCgroupV1();
        TestEnvironment.requireCommand("stress-ng");
        Random random = new Random(Long.getLong("hindsight.fault.seed", System.nanoTime()));
        Path data = dir.resolve("data");
        try (TestCgroup cg = TestCgroup.create("hindsight-kill")) {
            cg.start("stress-ng --cpu 1 --cpu-load 50 --vm 1 --vm-bytes 32m --timeout 600s");
            Path config = dir.resolve("hindsight.yaml");
            Files.writeString(config, String.join("\n", "interval: 250ms", "data_dir: " + data,
                "collector:", "  include_prefixes: [" + cg.path() + "]", "  docker_socket: /nonexistent", ""));
            String series = "container_memory_usage_bytes{id=\"" + cg.path() + "\"}";
            int verified = 0;
            for (int run = 0; run <= KILLS; run++) {
                List<Long> before = run == 0 ? List.of()
                    : RawCounts.timestamps(RawCounts.read(data), cg.path(), ContainerField.MEMORY_USAGE_BYTES);
                assertThat(new HashSet<>(before)).as("a timestamp twice in the raw log").hasSize(before.size());
                AgentProcess agent = AgentProcess.start(config, dir.resolve("agent.log"));
                try {
                    assertThat(agent.awaitHealthy(60_000)).as("run %d did not come up:%n%s", run, agent.outputText())
                        .isTrue();
                    if (!before.isEmpty()) {
                        long last = before.get(before.size() - 1);
                        String count = "sum(count_over_time(" + series + "[1d]))";
                        // replay may still be running: wait for the count to reach the log's, never pass it
                        long deadline = System.currentTimeMillis() + 30_000;
                        double got = agent.value(count, last);
                        while (got != before.size() && System.currentTimeMillis() < deadline) {
                            if (!Double.isNaN(got)) {
                                assertThat(got).as("run %d: more samples than the raw log holds", run)
                                    .isLessThanOrEqualTo(before.size());
                            }
                            Thread.sleep(100);
                            got = agent.value(count, last);
                        }
                        if (got != before.size()) {
                            String out = agent.outputText();
                            throw new AssertionError("run " + run + ": count_over_time up to " + last + " is " + got
                                + ", the raw log holds " + before.size() + "; series now: "
                                + agent.query("count_over_time(" + series + "[1d])", -1) + "\nagent output (tail):\n"
                                + out.substring(Math.max(0, out.length() - 6_000)));
                        }
                        assertThat(agent.value("sum(max_over_time(" + series + "[1d]))", last)).isPositive();
                        verified++;
                    }
                    if (run < KILLS) {
                        Thread.sleep(200 + random.nextInt(2_800));
                        agent.kill();
                    }
                } finally {
                    if (run == KILLS) {
                        agent.close();
                    } else if (agent.process.isAlive()) {
                        agent.kill();
                    }
                }
            }
            LogContents all = RawCounts.read(data);
            List<Long> ts = RawCounts.timestamps(all, cg.path(), ContainerField.MEMORY_USAGE_BYTES);
            System.out.printf("SIGKILL kills=%d verified-restarts=%d samples=%d unreadable=%d%n", KILLS, verified,
                ts.size(), all.unreadable.size());
            assertThat(verified).isEqualTo(KILLS);
            assertThat(new HashSet<>(ts)).hasSize(ts.size());
            assertThat(ts.size()).isGreaterThan(KILLS * 2);
        }
    }
}
