package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hindsight.storage.record.ContainerField.*;
import static org.assertj.core.api.Assertions.assertThat;

/** v2 fixtures are read in place from ../shared; each test skips when it is absent. */
@Timeout(10)
class CgroupV2ReaderTest {
    @TempDir
    Path tmp;

    private final CgroupV2Reader reader = new CgroupV2Reader();
    private final ContainerStats stats = new ContainerStats();

    private ReadResult read(Path dir) {
        try (ContainerPaths p = ContainerPaths.v2(dir, true)) {
            return reader.read(p, stats);
        }
    }

    @Test
    void limitsThrottledTelegraf() {
        assertThat(read(TestFixtures.v2("limits-throttled-telegraf"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_USAGE_NS)).isEqualTo(98701325189L * 1000);
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(61355716211L * 1000);
        assertThat(stats.get(CPU_SYSTEM_NS)).isEqualTo(37345608977L * 1000);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(3936904L);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(6004L);
        assertThat(stats.get(CPU_CFS_THROTTLED_NS)).isEqualTo(19175137007L * 1000);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(13071106048L);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(87302021120L);
        assertThat(stats.get(MEMORY_RSS_BYTES)).isEqualTo(2471755776L);
        assertThat(stats.get(MEMORY_CACHE_BYTES)).isEqualTo(8532865024L);
        assertThat(stats.get(MEMORY_MAPPED_FILE_BYTES)).isEqualTo(14213120L);
        assertThat(stats.get(MEMORY_ACTIVE_FILE_BYTES)).isEqualTo(5597401088L);
        assertThat(stats.get(MEMORY_INACTIVE_FILE_BYTES)).isEqualTo(2935459840L);
        assertThat(stats.get(MEMORY_PGFAULT)).isEqualTo(1973187551L);
        assertThat(stats.get(MEMORY_PGMAJFAULT)).isEqualTo(8497L);
        assertThat(stats.get(MEMORY_SWAP_BYTES)).isZero();
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(13071106048L - 2935459840L);
        assertThat(stats.get(MEMORY_FAILCNT)).isZero();
        assertThat(stats.get(OOM_EVENTS)).isZero();
        assertThat(stats.get(OOM_KILLS)).isZero();
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(592);
        BlockIoStats io = stats.blockIo();
        assertThat(io.count()).isEqualTo(1);
        assertThat(io.major(0)).isEqualTo(259);
        assertThat(io.minor(0)).isEqualTo(8);
        assertThat(io.readBytes(0)).isEqualTo(74526720L);
        assertThat(io.writeBytes(0)).isEqualTo(3789381632L);
        assertThat(io.reads(0)).isEqualTo(2936);
        assertThat(io.writes(0)).isEqualTo(181928);
        assertThat(stats.get(PSI_CPU_SOME_US)).isEqualTo(293391454L);
        assertThat(stats.get(PSI_CPU_FULL_US)).isEqualTo(277111656L);
        assertThat(stats.get(PSI_MEMORY_SOME_US)).isEqualTo(250773L);
        assertThat(stats.get(PSI_MEMORY_FULL_US)).isEqualTo(250662L);
        assertThat(stats.get(PSI_IO_SOME_US)).isEqualTo(185162400L);
        assertThat(stats.get(PSI_IO_FULL_US)).isEqualTo(184607952L);
        assertThat(stats.perCpuCount()).as("no per-CPU usage on v2").isZero();
    }

    @Test
    void multiDeviceIoAndOlderKernel() {
        assertThat(read(TestFixtures.v2("multi-device-io-system-slice"))).isEqualTo(ReadResult.OK);
        BlockIoStats io = stats.blockIo();
        assertThat(io.count()).isEqualTo(3);
        int sda = io.indexOf(8, 0);
        assertThat(io.readBytes(sda)).isEqualTo(14598439936L);
        assertThat(io.writeBytes(sda)).isEqualTo(613809529856L);
        assertThat(io.reads(sda)).isEqualTo(151279L);
        assertThat(io.writes(sda)).isEqualTo(47321130L);
        int dm = io.indexOf(253, 0);
        assertThat(io.readBytes(dm)).isEqualTo(14590931456L);
        assertThat(io.writes(dm)).isEqualTo(44621629L);
        assertThat(io.readBytes(io.indexOf(252, 0))).isEqualTo(4096);
        assertThat(stats.get(PSI_CPU_SOME_US)).isEqualTo(2798967170L);
        assertThat(stats.has(PSI_CPU_FULL_US)).as("older kernel: cpu.pressure without full").isFalse();
        assertThat(stats.has(PIDS_CURRENT)).isFalse();
        assertThat(stats.has(MEMORY_MAX_USAGE_BYTES)).as("no memory.peak").isFalse();
        assertThat(stats.get(CPU_CFS_PERIODS)).isZero();
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(11583053824L - 6605029376L);
    }

    @Test
    void throttledBestEffort() {
        assertThat(read(TestFixtures.v2("throttled-k8s-besteffort"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(76);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(809036);
        assertThat(stats.get(CPU_CFS_THROTTLED_NS)).isEqualTo(363166L * 1000);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(48648192L);
        assertThat(stats.get(MEMORY_RSS_BYTES)).isEqualTo(44892160L);
        assertThat(stats.blockIo().count()).isEqualTo(2);
        assertThat(stats.blockIo().writeBytes(stats.blockIo().indexOf(253, 0))).isEqualTo(630538241L);
        assertThat(stats.has(MEMORY_FAILCNT)).as("no memory.events").isFalse();
    }

    @Test
    void unlimitedSessionScope() {
        assertThat(read(TestFixtures.v2("max-unlimited-session-scope"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(MEMORY_SWAP_BYTES)).isEqualTo(17715200L);
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(148);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(18772946944L);
        assertThat(stats.blockIo().count()).as("no io controller").isZero();
        assertThat(stats.get(PSI_CPU_FULL_US)).isEqualTo(29254180L);
    }

    @Test
    void oomKilledConstructed() {
        assertThat(read(TestFixtures.v2("oom-killed-CONSTRUCTED"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(OOM_EVENTS)).isEqualTo(1);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(1);
        assertThat(stats.get(MEMORY_FAILCNT)).as("memory.events max, as runc").isEqualTo(66);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(114688L);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(33554432L);
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).as("no memory.stat: usage").isEqualTo(114688L);
        assertThat(stats.has(CPU_USAGE_NS)).isFalse();
    }

    @Test
    void ioCostKeysIgnored() {
        assertThat(read(TestFixtures.v2("io-cost-sample"))).isEqualTo(ReadResult.OK);
        BlockIoStats io = stats.blockIo();
        assertThat(io.count()).isEqualTo(1);
        assertThat(io.readBytes(0)).isEqualTo(40016384L);
        assertThat(io.writeBytes(0)).isEqualTo(3842195456L);
        assertThat(io.reads(0)).isEqualTo(1074);
        assertThat(io.writes(0)).isEqualTo(34821);
    }

    @Test
    void hybridVmCoreFilesOnly() {
        assertThat(read(TestFixtures.v2("running-hybrid-vm"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_USAGE_NS)).isEqualTo(10653489L * 1000);
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(7646499L * 1000);
        assertThat(stats.has(CPU_CFS_PERIODS)).as("no cpu controller: core keys only").isFalse();
        assertThat(stats.has(MEMORY_USAGE_BYTES)).isFalse();
        assertThat(stats.has(MEMORY_WORKING_SET_BYTES)).isFalse();
        assertThat(stats.get(PSI_CPU_SOME_US)).isEqualTo(4759179L);
        assertThat(stats.get(PSI_CPU_FULL_US)).isEqualTo(742071L);
        assertThat(stats.get(PSI_IO_FULL_US)).isEqualTo(81546L);

        assertThat(read(TestFixtures.v2("root-hybrid-vm"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(PSI_MEMORY_SOME_US)).isEqualTo(9132L);
        assertThat(stats.get(CPU_SYSTEM_NS)).isEqualTo(297161731L * 1000);
    }

    @Test
    void vanishedCgroupIsGone() throws IOException {
        Path copy = TestFixtures.copyTree(TestFixtures.v2("limits-throttled-telegraf"), tmp.resolve("c"));
        try (ContainerPaths p = ContainerPaths.v2(copy, false)) {
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.OK);
            CgroupV1ReaderTest.deleteTree(copy);
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.GONE);
        }
    }

    @Test
    void missingFilesAbsentInACopy() throws IOException {
        Path copy = TestFixtures.copyTree(TestFixtures.v2("limits-throttled-telegraf"), tmp.resolve("c"));
        Files.delete(copy.resolve("memory.stat"));
        Files.delete(copy.resolve("io.stat"));
        Files.writeString(copy.resolve("cpu.pressure"), "some avg10=0.00 avg60=0.00 avg300=0.00 total=5\n");
        assertThat(read(copy)).isEqualTo(ReadResult.OK);
        assertThat(stats.has(MEMORY_RSS_BYTES)).isFalse();
        assertThat(stats.blockIo().count()).isZero();
        assertThat(stats.get(PSI_CPU_SOME_US)).isEqualTo(5);
        assertThat(stats.has(PSI_CPU_FULL_US)).isFalse();
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(13071106048L);
    }
}
