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
    void keptOpenHandlesGiveTheSameCountsAndForgetExitedPids() throws IOException {
        process(1229, "stress-ng_parent_S", 3);
        process(1231, "stress-ng_worker_R", 4);
        PidList pids = new PidList();
        pids.add(1229);
        pids.add(1231);
        ProcessStatsReader reader = new ProcessStatsReader(proc);
        ContainerStats out = new ContainerStats();
        try (ProcessHandles handles = new ProcessHandles()) {
            for (int round = 0; round < 2; round++) {
                assertThat(reader.read(pids, handles, out, true)).isEqualTo(2);
                assertThat(out.get(OPEN_FDS)).isEqualTo(7);
                assertThat(out.get(TASKS_RUNNING)).isEqualTo(1);
                assertThat(handles.size()).isEqualTo(2);
            }
            pids.clear();
            pids.add(1231);
            assertThat(reader.read(pids, handles, out, true)).isEqualTo(1);
            assertThat(handles.size()).as("1229 no longer listed: closed").isEqualTo(1);
            assertThat(out.get(OPEN_FDS)).isEqualTo(4);
        }
    }

    @Test
    void manyPidsGrowTheHandleTable() throws IOException {
        PidList pids = new PidList();
        for (int pid = 100; pid < 200; pid++) {
            process(pid, "sleep_in_netns", 0);
            pids.add(pid);
        }
        ContainerStats out = new ContainerStats();
        try (ProcessHandles handles = new ProcessHandles()) {
            assertThat(new ProcessStatsReader(proc).read(pids, handles, out, false)).isEqualTo(100);
            assertThat(handles.size()).isEqualTo(100);
            assertThat(out.get(TASKS_SLEEPING)).isEqualTo(100);
        }
    }

    @Test
    void liveHandlesAllocateNothingPerTick() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.size(Path.of("/proc/self/fd")) > 0,
                "skipped: this kernel (< 6.2) does not report the fd count as the fd directory's size");
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        PidList pids = new PidList();
        pids.add((int) ProcessHandle.current().pid());
        ProcessStatsReader reader = new ProcessStatsReader(Path.of("/proc"));
        ContainerStats out = new ContainerStats();
        try (ProcessHandles handles = new ProcessHandles()) {
            for (int i = 0; i < 2000; i++) {
                reader.read(pids, handles, out, true);
            }
            long before = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 2000; i++) {
                reader.read(pids, handles, out, true);
            }
            long perRead = (sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 2000;
            assertThat(out.get(OPEN_FDS)).isGreaterThan(2);
            assertThat(out.get(THREADS)).isGreaterThan(1);
            assertThat(perRead).as("bytes allocated per read").isLessThan(64);
        }
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
