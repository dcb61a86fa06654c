package dev.hindsight.collector.proc;

import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.io.StatFileReader;
import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hindsight.storage.record.ContainerField.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class ProcessStatsReaderTest {
    @TempDir
    Path proc;

    private void process(int pid, String statFixture, int fds) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.copy(TestFixtures.proc("pid_stat/" + statFixture), dir.resolve("stat"));
        Path fd = Files.createDirectories(dir.resolve("fd"));
        for (int i = 0; i < fds; i++) {
            Files.writeString(fd.resolve(Integer.toString(i)), "");
        }
    }

    @Test
    void countsStatesThreadsAndFds() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        process(1231, "stress-ng_worker_R", 4);
        process(1238, "comm_with_space_and_paren", 2);
        PidList pids = new PidList();
        pids.add(1229);
        pids.add(1231);
        pids.add(1238);
        pids.add(9999); // exited between listing and reading
        ContainerStats out = new ContainerStats();
        assertThat(new ProcessStatsReader(proc).read(pids, out, true)).isEqualTo(3);
        assertThat(out.get(PROCESSES)).isEqualTo(3);
        assertThat(out.get(THREADS)).isEqualTo(3);
        assertThat(out.get(TASKS_RUNNING)).isEqualTo(1);
        assertThat(out.get(TASKS_SLEEPING)).isEqualTo(2);
        assertThat(out.get(TASKS_STOPPED)).isZero();
        assertThat(out.get(TASKS_UNINTERRUPTIBLE)).isZero();
        assertThat(out.get(OPEN_FDS)).isEqualTo(9);
        assertThat(out.has(TASKS_IOWAIT)).isFalse();
    }

    @Test
    void fdsAbsentUnlessAsked() throws IOException {
        process(1005, "sleep_in_netns", 1);
        PidList pids = new PidList();
        pids.add(1005);
        ContainerStats out = new ContainerStats();
        new ProcessStatsReader(proc).read(pids, out, false);
        assertThat(out.has(OPEN_FDS)).isFalse();
        assertThat(out.get(PROCESSES)).isEqualTo(1);
    }

    @Test
    void emptyCgroupIsZeroProcesses() {
        PidList pids = new PidList();
        ContainerStats out = new ContainerStats();
        assertThat(new ProcessStatsReader(proc).read(pids, out, true)).isZero();
        assertThat(out.has(PROCESSES)).isTrue();
        assertThat(out.get(PROCESSES)).isZero();
        assertThat(out.get(OPEN_FDS)).isZero();
    }

    @Test
    void liveProcessOfThisJvm() {
        PidList pids = new PidList();
        pids.add((int) ProcessHandle.current().pid());
        ContainerStats out = new ContainerStats();
        assertThat(new ProcessStatsReader(Path.of("/proc")).read(pids, out, true)).isEqualTo(1);
        assertThat(out.get(THREADS)).isGreaterThan(1);
        assertThat(out.get(OPEN_FDS)).isGreaterThan(2);
        assertThat(out.get(TASKS_RUNNING) + out.get(TASKS_SLEEPING)).isEqualTo(1);
    }

    @Test
    void pidListFromCgroupProcs() {
        StatFileReader r = new StatFileReader();
        PidList pids = new PidList();
        assertThat(pids.read(r, new StatFile(TestFixtures.v1("limited").resolve("cpu/cgroup.procs"), false)))
                .isEqualTo(ReadStatus.OK);
        assertThat(pids.toArray()).containsExactly(31707, 31708, 31711, 31712, 31713);
        assertThat(pids.read(r, new StatFile(TestFixtures.v1("empty").resolve("cpu/cgroup.procs"), false)))
                .isEqualTo(ReadStatus.OK);
        assertThat(pids.count()).isZero();
        assertThat(pids.read(r, new StatFile(TestFixtures.v1("root").resolve("cpu/cgroup.procs"), false)))
                .isEqualTo(ReadStatus.OK);
        assertThat(pids.count()).as("grows past the initial 16").isGreaterThan(16);
        assertThat(pids.contains(1)).isTrue();
    }

    @Test
    void pidListMalformed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("cgroup.procs");
        Files.writeString(f, "12\nabc\n");
        PidList pids = new PidList();
        assertThat(pids.read(new StatFileReader(), new StatFile(f, false))).isEqualTo(ReadStatus.MALFORMED);
        assertThat(pids.toArray()).containsExactly(12);
    }
}
