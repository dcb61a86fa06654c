package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.io.TestFixtures;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.hindsight.storage.record.ContainerField.OPEN_FDS;
import static dev.hindsight.storage.record.ContainerField.PROCESSES;
import static dev.hindsight.storage.record.ContainerField.TASKS_RUNNING;
import static dev.hindsight.storage.record.ContainerField.THREADS;
import static org.assertj.core.api.Assertions.assertThat;

/** The process reading's cadence: taken every processInterval, repeated in between. */
@Timeout(20)
class ProcessProbeTest {
    @TempDir
    Path tmp;

    private Path proc;
    private Path cgroup;
    private RawLog log;
    private RawLogWriter writer;
    private final DescriptorBudget budget = new DescriptorBudget(1000);
    private final ContainerStats stats = new ContainerStats();

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(tmp.resolve("proc"));
        cgroup = Files.createDirectories(tmp.resolve("cgroup"));
        log = RawLog.open(Files.createDirectories(tmp.resolve("data")));
        writer = log.writer();
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    private void process(int pid, String statFixture, int fds) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.copy(TestFixtures.proc("pid_stat/" + statFixture), dir.resolve("stat"));
        Files.createDirectories(dir.resolve("net"));
        Files.copy(TestFixtures.proc("net_dev/netns-container_lo_eth0"), dir.resolve("net/dev"));
        Path fd = Files.createDirectories(dir.resolve("fd"));
        for (int i = 0; i < fds; i++) {
            Files.writeString(fd.resolve(Integer.toString(i)), "");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void members(String procs) throws IOException {
        Files.writeString(cgroup.resolve("cgroup.procs"), procs);
    }

    private TrackedContainer container() {
        return new TrackedContainer(1, "/c", ContainerPaths.v2(cgroup, budget), null, 0, budget);
    }

    private ContainerStats read(ProcessProbe probe, TrackedContainer c, long nowMs) {
        stats.reset();
        probe.read(c, stats, nowMs, writer);
        return stats;
    }

    @Test
    void processesAreReadOncePerIntervalAndRepeatedInBetween() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        members("1229\n");
        ProcessProbe probe = new ProcessProbe(proc, 10_000, budget);
        TrackedContainer c = container();
        assertThat(read(probe, c, 0).get(PROCESSES)).isEqualTo(1);
        assertThat(stats.get(OPEN_FDS)).isEqualTo(3);

        // container 1's phase is 5,761 ms of the 10 s interval: its second reading comes
        // 10,000 - 5,761 ms after the first, then one every 10 s
        long second = 10_000 - Collector.phaseMs(1, 10_000);
        assertThat(second).isEqualTo(4_239);
        process(1231, "stress-ng_worker_R", 4);
        members("1229\n1231\n");
        ContainerStats between = read(probe, c, second - 1);
        assertThat(between.has(PROCESSES)).as("repeated, not left out").isTrue();
        assertThat(between.get(PROCESSES)).isEqualTo(1);
        assertThat(between.get(THREADS)).isEqualTo(1);
        assertThat(between.get(OPEN_FDS)).isEqualTo(3);
        assertThat(between.has(TASKS_RUNNING)).isTrue();
        assertThat(between.get(TASKS_RUNNING)).isZero();

        ContainerStats next = read(probe, c, second);
        assertThat(next.get(PROCESSES)).isEqualTo(2);
        assertThat(next.get(OPEN_FDS)).isEqualTo(7);
        assertThat(next.get(TASKS_RUNNING)).isEqualTo(1);

        members("1229\n");
        assertThat(read(probe, c, second + 9_999).get(PROCESSES)).isEqualTo(2);
        assertThat(read(probe, c, second + 10_000).get(PROCESSES)).isEqualTo(1);
        c.close();
    }

    @Test
    void intervalZeroReadsEveryTick() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        members("1229\n");
        ProcessProbe probe = new ProcessProbe(proc, 0, budget);
        TrackedContainer c = container();
        assertThat(read(probe, c, 0).get(PROCESSES)).isEqualTo(1);
        process(1231, "stress-ng_worker_R", 4);
        members("1229\n1231\n");
        assertThat(read(probe, c, 1).get(PROCESSES)).isEqualTo(2);
        c.close();
    }

    @Test
    void aNetworkMemberThatExitedBringsTheNextReadingForward() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        process(1231, "stress-ng_worker_R", 4);
        members("1229\n1231\n");
        ProcessProbe probe = new ProcessProbe(proc, 60_000, budget);
        TrackedContainer c = container();
        assertThat(read(probe, c, 0).get(PROCESSES)).isEqualTo(2);
        assertThat(c.netPid).isEqualTo(1229);

        deleteTree(proc.resolve("1229")); // the member whose network was read exited
        members("1231\n");
        assertThat(read(probe, c, 1_000).get(PROCESSES)).as("found gone this tick").isEqualTo(2);
        assertThat(read(probe, c, 2_000).get(PROCESSES)).as("re-read the next").isEqualTo(1);
        assertThat(c.netPid).isEqualTo(1231);
        c.close();
    }

    @Test
    void containerWithoutProcessesHasZeroCountsAndNoNetwork() throws IOException {
        members("");
        ProcessProbe probe = new ProcessProbe(proc, 10_000, budget);
        TrackedContainer c = container();
        assertThat(read(probe, c, 0).get(PROCESSES)).isZero();
        assertThat(read(probe, c, 1_000).get(PROCESSES)).isZero();
        assertThat(c.netPid).isEqualTo(-1);
        c.close();
    }

    @Test
    void keptOpenHandlesAreChargedToTheBudgetAndGivenBackOnClose() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        members("1229\n");
        ProcessProbe probe = new ProcessProbe(proc, 0, budget);
        TrackedContainer c = container();
        read(probe, c, 0);
        assertThat(budget.used()).as("the process's stat file").isPositive();
        c.close();
        assertThat(budget.used()).isZero();
    }
}
