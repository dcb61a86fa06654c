package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.ReadStatus;
import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import static dev.hindsight.storage.record.ContainerField.*;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class CgroupV1ReaderTest {
    @TempDir
    Path tmp;

    private final CgroupV1Reader reader = new CgroupV1Reader();
    private final ContainerStats stats = new ContainerStats();

    /** A copy of a v1 fixture case in the temp dir, one sub-directory per controller. */
    private Path copy(String name) {
        return TestFixtures.copyTree(TestFixtures.v1(name), tmp.resolve(name));
    }

    static ContainerPaths paths(Path caseDir, boolean keepOpen) {
        Map<CgroupController, Path> dirs = new EnumMap<>(CgroupController.class);
        for (CgroupController c : CgroupController.values()) {
            Path d = caseDir.resolve(c.controllerName);
            if (c != CgroupController.UNIFIED && Files.isDirectory(d)) {
                dirs.put(c, d);
            }
        }
        return ContainerPaths.v1(dirs, keepOpen);
    }

    private ReadResult read(Path caseDir) {
        try (ContainerPaths p = paths(caseDir, true)) {
            return reader.read(p, stats);
        }
    }

    @Test
    void limitedCase() {
        assertThat(read(copy("limited"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_USAGE_NS)).as("the sum of usage_percpu, which the kernel's cpuacct.usage is; "
                + "the fixture's cpuacct.usage (8312143998) was captured 25 ms earlier").isEqualTo(4153786937L + 4183632210L);
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(794 * 10_000_000L);
        assertThat(stats.get(CPU_SYSTEM_NS)).isEqualTo(36 * 10_000_000L);
        assertThat(stats.perCpuCount()).isEqualTo(2);
        assertThat(stats.perCpuNs()[0]).isEqualTo(4153786937L);
        assertThat(stats.perCpuNs()[1]).isEqualTo(4183632210L);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(64);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(54);
        assertThat(stats.get(CPU_CFS_THROTTLED_NS)).isEqualTo(2620468168L);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(90972160L);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(99364864L);
        assertThat(stats.get(MEMORY_FAILCNT)).isZero();
        assertThat(stats.has(MEMORY_FAILCNT)).isTrue();
        assertThat(stats.get(MEMORY_RSS_BYTES)).isEqualTo(70414336L);
        assertThat(stats.get(MEMORY_CACHE_BYTES)).isEqualTo(19537920L);
        assertThat(stats.get(MEMORY_SWAP_BYTES)).isZero();
        assertThat(stats.get(MEMORY_MAPPED_FILE_BYTES)).isEqualTo(6156288L);
        assertThat(stats.get(MEMORY_ACTIVE_FILE_BYTES)).isEqualTo(3911680L);
        assertThat(stats.get(MEMORY_INACTIVE_FILE_BYTES)).isEqualTo(13328384L);
        assertThat(stats.get(MEMORY_PGFAULT)).isEqualTo(37565L);
        assertThat(stats.get(MEMORY_PGMAJFAULT)).isEqualTo(17L);
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(90972160L - 13328384L);
        assertThat(stats.get(OOM_KILLS)).isZero();
        assertThat(stats.underOom()).isZero();
        assertThat(stats.has(OOM_EVENTS)).as("v1 OOM events come from eventfd, not files").isFalse();
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(5);
        BlockIoStats io = stats.blockIo();
        assertThat(io.count()).isEqualTo(1);
        assertThat(io.major(0)).isEqualTo(254);
        assertThat(io.minor(0)).isEqualTo(0);
        assertThat(io.readBytes(0)).isEqualTo(67571712L);
        assertThat(io.writeBytes(0)).isEqualTo(50331648L);
        assertThat(io.reads(0)).isEqualTo(164);
        assertThat(io.writes(0)).isEqualTo(49);
        assertThat(io.present(0)).isEqualTo(0b1111);
        assertThat(stats.has(PSI_CPU_SOME_US)).as("no PSI files on this v1 machine").isFalse();
    }

    @Test
    void throttledCase() {
        assertThat(read(copy("throttled"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(60);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(60);
        assertThat(stats.get(CPU_CFS_THROTTLED_NS)).isEqualTo(10715514392L);
        assertThat(stats.get(CPU_USAGE_NS)).isEqualTo(1224660087L);
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(1_210_000_000L);
        assertThat(stats.get(CPU_SYSTEM_NS)).isZero();
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(3);
        assertThat(stats.blockIo().count()).as("only the Total line").isZero();
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(8122368L);
    }

    @Test
    void oomCase() {
        assertThat(read(copy("oom"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(1);
        assertThat(stats.get(MEMORY_FAILCNT)).isEqualTo(66);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(33554432L);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(114688L);
        assertThat(stats.get(MEMORY_PGFAULT)).isEqualTo(24715L);
        assertThat(stats.get(PIDS_CURRENT)).isZero();
        assertThat(stats.get(CPU_SYSTEM_NS)).isEqualTo(30_000_000L);
    }

    @Test
    void unlimitedCase() {
        assertThat(read(copy("unlimited"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(CPU_USAGE_NS)).as("sum of usage_percpu (cpuacct.usage was captured apart: 8153303371)")
                .isEqualTo(8178778316L);
        assertThat(stats.get(CPU_CFS_PERIODS)).isZero();
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(40079360L);
        assertThat(stats.get(MEMORY_RSS_BYTES)).isEqualTo(36757504L);
        assertThat(stats.get(MEMORY_PGFAULT)).isEqualTo(305852L);
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(4);
    }

    @Test
    void emptyCaseKeepsCounters() {
        assertThat(read(copy("empty"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(PIDS_CURRENT)).isZero();
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(21);
        assertThat(stats.get(CPU_USAGE_NS)).isEqualTo(1053396687L);
        assertThat(stats.perCpuCount()).isEqualTo(2);
        assertThat(stats.perCpuNs()[0]).isZero();
        assertThat(stats.perCpuNs()[1]).isEqualTo(1053396687L);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(5763072L);
    }

    @Test
    void rootPrefersHierarchicalTotalsAndHasNoPids() {
        assertThat(read(copy("root"))).isEqualTo(ReadResult.OK);
        assertThat(stats.get(MEMORY_RSS_BYTES)).as("total_rss, not rss").isEqualTo(8568832L);
        assertThat(stats.get(MEMORY_CACHE_BYTES)).isEqualTo(838463488L);
        assertThat(stats.get(MEMORY_INACTIVE_FILE_BYTES)).isEqualTo(530558976L);
        assertThat(stats.get(MEMORY_PGMAJFAULT)).isEqualTo(1937L);
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(846962688L - 530558976L);
        assertThat(stats.has(PIDS_CURRENT)).isFalse();
        assertThat(stats.blockIo().readBytes(0)).isEqualTo(5619539968L);
        assertThat(stats.blockIo().writes(0)).isEqualTo(56796L);
    }

    @Test
    void plainKeysWhenTotalsAreAbsent() throws IOException {
        Path c = copy("limited");
        Path stat = c.resolve("memory/memory.stat");
        try (Stream<String> lines = Files.lines(stat)) {
            Files.write(stat, lines.filter(l -> !l.startsWith("total_")).map(l -> l.startsWith("rss ") ? "rss 1234" : l).toList());
        }
        assertThat(read(c)).isEqualTo(ReadResult.OK);
        assertThat(stats.get(MEMORY_RSS_BYTES)).isEqualTo(1234);
        assertThat(stats.get(MEMORY_INACTIVE_FILE_BYTES)).isEqualTo(13328384L);
    }

    @Test
    void missingFilesAreAbsentNotZero() throws IOException {
        Path c = copy("limited");
        Files.delete(c.resolve("memory/memory.stat"));
        Files.delete(c.resolve("cpu/cpu.stat"));
        Files.delete(c.resolve("memory/memory.failcnt"));
        assertThat(read(c)).isEqualTo(ReadResult.OK);
        assertThat(stats.has(MEMORY_RSS_BYTES)).isFalse();
        assertThat(stats.has(MEMORY_INACTIVE_FILE_BYTES)).isFalse();
        assertThat(stats.has(CPU_CFS_PERIODS)).isFalse();
        assertThat(stats.has(CPU_CFS_THROTTLED_NS)).isFalse();
        assertThat(stats.has(MEMORY_FAILCNT)).isFalse();
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).as("usage when inactive_file unknown, as cAdvisor")
                .isEqualTo(90972160L);
        assertThat(stats.get(CPU_USAGE_NS)).isEqualTo(4153786937L + 4183632210L);
        assertThat(reader.errors().count(ReadStatus.MISSING)).as("3 deleted + 3 PSI files absent on v1").isEqualTo(6);
        assertThat(reader.errors().totalErrors()).isZero();
    }

    @Test
    void absentControllersAreAbsentFields() throws IOException {
        Path c = copy("limited");
        Map<CgroupController, Path> dirs = new EnumMap<>(CgroupController.class);
        dirs.put(CgroupController.MEMORY, c.resolve("memory"));
        try (ContainerPaths p = ContainerPaths.v1(dirs, false)) {
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.OK);
        }
        assertThat(stats.has(MEMORY_USAGE_BYTES)).isTrue();
        assertThat(stats.has(CPU_USAGE_NS)).isFalse();
        assertThat(stats.has(PIDS_CURRENT)).isFalse();
        assertThat(stats.perCpuCount()).isZero();
        assertThat(stats.blockIo().count()).isZero();
        assertThat(reader.errors().totalErrors()).as("absent controllers are not errors").isZero();
    }

    @Test
    void jointCpuCpuacctMount() throws IOException {
        Path c = copy("limited");
        Path joint = Files.createDirectories(tmp.resolve("cpu,cpuacct"));
        TestFixtures.copyTree(c.resolve("cpu"), joint.resolve("x"));
        Files.copy(c.resolve("cpuacct/cpuacct.usage"), joint.resolve("x/cpuacct.usage"));
        Map<CgroupController, Path> dirs = new EnumMap<>(CgroupController.class);
        dirs.put(CgroupController.CPU, joint.resolve("x"));
        dirs.put(CgroupController.CPUACCT, joint.resolve("x"));
        try (ContainerPaths p = ContainerPaths.v1(dirs, true)) {
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.OK);
        }
        assertThat(stats.get(CPU_USAGE_NS)).as("no usage_percpu here: cpuacct.usage is read").isEqualTo(8312143998L);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(54);
    }

    @Test
    void perCpuArraysOfDifferentLengths() throws IOException {
        Path c = copy("limited");
        Path percpu = c.resolve("cpuacct/cpuacct.usage_percpu");
        try (ContainerPaths p = paths(c, true)) {
            Files.writeString(percpu, "1 2 3 4 \n");
            reader.read(p, stats);
            assertThat(stats.perCpuCount()).isEqualTo(4);
            assertThat(stats.perCpuNs()[3]).isEqualTo(4);
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 96; i++) {
                many.append(i * 1000L).append(' ');
            }
            Files.writeString(percpu, many.append('\n').toString());
            reader.read(p, stats);
            assertThat(stats.perCpuCount()).isEqualTo(96);
            assertThat(stats.perCpuNs()[95]).isEqualTo(95_000L);
            Files.writeString(percpu, "7 \n");
            reader.read(p, stats);
            assertThat(stats.perCpuCount()).isEqualTo(1);
            assertThat(stats.perCpuNs()[0]).isEqualTo(7);
        }
    }

    @Test
    void psiWhereTheKernelHasItOnV1AndUnderOom() throws IOException {
        Path c = copy("limited");
        Files.writeString(c.resolve("cpuacct/cpu.pressure"),
                "some avg10=0.69 avg60=9.34 avg300=5.73 total=467173032\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        Files.copy(TestFixtures.proc("pressure/io"), c.resolve("blkio/io.pressure"));
        Files.writeString(c.resolve("memory/memory.oom_control"), "oom_kill_disable 1\nunder_oom 1\noom_kill 3\n");
        assertThat(read(c)).isEqualTo(ReadResult.OK);
        assertThat(stats.get(PSI_CPU_SOME_US)).isEqualTo(467173032L);
        assertThat(stats.get(PSI_CPU_FULL_US)).isZero();
        assertThat(stats.has(PSI_CPU_FULL_US)).isTrue();
        assertThat(stats.get(PSI_IO_SOME_US)).isEqualTo(39042519L);
        assertThat(stats.get(PSI_IO_FULL_US)).isEqualTo(26933956L);
        assertThat(stats.has(PSI_MEMORY_SOME_US)).isFalse();
        assertThat(stats.underOom()).isEqualTo(1);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(3);
    }

    @Test
    void blkioSeveralDevicesAndOneSidedRows() throws IOException {
        Path c = copy("limited");
        Files.writeString(c.resolve("blkio/blkio.throttle.io_service_bytes"),
                "8:0 Read 10\n8:0 Write 20\n8:0 Sync 30\n8:0 Total 30\n254:16 Read 5\n254:16 Discard 9\nTotal 35\n");
        Files.writeString(c.resolve("blkio/blkio.throttle.io_serviced"), "8:0 Read 1\n8:0 Write 2\n259:3 Write 7\nTotal 10\n");
        assertThat(read(c)).isEqualTo(ReadResult.OK);
        BlockIoStats io = stats.blockIo();
        assertThat(io.count()).isEqualTo(3);
        int sda = io.indexOf(8, 0);
        assertThat(io.readBytes(sda)).isEqualTo(10);
        assertThat(io.writeBytes(sda)).isEqualTo(20);
        assertThat(io.reads(sda)).isEqualTo(1);
        assertThat(io.writes(sda)).isEqualTo(2);
        int vdb = io.indexOf(254, 16);
        assertThat(io.present(vdb)).isEqualTo(BlockIoStats.READ_BYTES);
        int nvme = io.indexOf(259, 3);
        assertThat(io.present(nvme)).isEqualTo(BlockIoStats.WRITES);
        assertThat(io.writes(nvme)).isEqualTo(7);
    }

    @Test
    void resetBetweenContainers() {
        try (ContainerPaths limited = paths(copy("limited"), true); ContainerPaths root = paths(copy("root"), true)) {
            reader.read(limited, stats);
            assertThat(stats.has(PIDS_CURRENT)).isTrue();
            reader.read(root, stats);
            assertThat(stats.has(PIDS_CURRENT)).as("not left over from the previous container").isFalse();
            assertThat(stats.blockIo().count()).isEqualTo(1);
        }
    }

    @Test
    void customUserHz() {
        CgroupV1Reader r = new CgroupV1Reader(new dev.hindsight.collector.io.StatFileReader(), 4_000_000L);
        try (ContainerPaths p = paths(copy("limited"), false)) {
            assertThat(r.read(p, stats)).isEqualTo(ReadResult.OK);
        }
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(794 * 4_000_000L);
    }

    @Test
    void vanishedCgroupIsGoneNotAnException() throws IOException {
        Path c = copy("limited");
        try (ContainerPaths p = paths(c, false)) {
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.OK);
            deleteTree(c);
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.GONE);
        }
        assertThat(reader.errors().count(ReadStatus.GONE)).isEqualTo(1);
    }

    @Test
    void allFilesMissingIsEmpty() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("bare/memory"));
        Map<CgroupController, Path> dirs = new EnumMap<>(CgroupController.class);
        dirs.put(CgroupController.MEMORY, d);
        try (ContainerPaths p = ContainerPaths.v1(dirs, true)) {
            assertThat(reader.read(p, stats)).isEqualTo(ReadResult.EMPTY);
        }
        assertThat(stats.present()).isZero();
    }

    @Test
    void rejectsV2Paths() {
        try (ContainerPaths p = ContainerPaths.v2(tmp, false)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(p, stats))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not cgroup v1");
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
