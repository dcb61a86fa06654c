package dev.hindsight.collector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.collector.cgroup.CgroupController;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMountsTest {
    /** This machine kind: separate cpu and cpuacct mounts, plus a cgroup2 at unified. */
    static final String HYBRID = """
            25 30 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
            33 25 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            34 33 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            35 33 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            36 33 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            37 33 0:32 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            38 33 0:33 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            39 33 0:34 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    @Test
    void hybridHostReadsV1WithItsOwnControllerMounts() {
        CgroupMounts m = CgroupMounts.parse(HYBRID);
        assertThat(m.mode()).isEqualTo(CgroupMounts.Mode.V1);
        assertThat(m.hybrid()).isTrue();
        assertThat(m.v1()).containsEntry(CgroupController.CPU, Path.of("/sys/fs/cgroup/cpu"))
                .containsEntry(CgroupController.CPUACCT, Path.of("/sys/fs/cgroup/cpuacct"))
                .doesNotContainKey(CgroupController.BLKIO);
        assertThat(m.unified()).isEqualTo(Path.of("/sys/fs/cgroup/unified"));
        assertThat(m.primary()).isEqualTo(Path.of("/sys/fs/cgroup/memory"));
    }

    @Test
    void jointCpuCpuacctMountServesBothControllers() {
        CgroupMounts m = CgroupMounts.parse(
                "30 25 0:27 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:12 - cgroup cgroup rw,cpu,cpuacct\n");
        assertThat(m.v1().get(CgroupController.CPU)).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(m.v1().get(CgroupController.CPUACCT)).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(m.primary()).isEqualTo(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
    }

    @Test
    void pureV2HostUsesTheUnifiedMountAndEscapesAreDecoded() {
        CgroupMounts m = CgroupMounts.parse(
                "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
                        + "40 23 0:40 / /mnt/with\\040space rw - tmpfs tmpfs rw\n");
        assertThat(m.mode()).isEqualTo(CgroupMounts.Mode.V2);
        assertThat(m.hybrid()).isFalse();
        assertThat(m.primary()).isEqualTo(Path.of("/sys/fs/cgroup"));
        assertThat(CgroupMounts.unescape("/mnt/with\\040space")).isEqualTo("/mnt/with space");
    }

    @Test
    void noCgroupsMeansNone() {
        assertThat(CgroupMounts.parse("25 30 0:22 / /sys rw - sysfs sysfs rw\ngarbage line\n").mode())
                .isEqualTo(CgroupMounts.Mode.NONE);
    }

    @Test
    void explicitRootFindsControllerDirectoriesOrAV2Root(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("v1/memory"));
        Files.createDirectories(dir.resolve("v1/cpu,cpuacct"));
        CgroupMounts v1 = CgroupMounts.fromRoot(dir.resolve("v1"));
        assertThat(v1.mode()).isEqualTo(CgroupMounts.Mode.V1);
        assertThat(v1.v1()).containsKeys(CgroupController.MEMORY, CgroupController.CPU, CgroupController.CPUACCT);
        Files.createDirectories(dir.resolve("v2"));
        Files.writeString(dir.resolve("v2/cgroup.controllers"), "cpu memory io pids\n");
        assertThat(CgroupMounts.fromRoot(dir.resolve("v2")).mode()).isEqualTo(CgroupMounts.Mode.V2);
    }

    @Test
    void thisMachinesMountinfoParses() throws Exception {
        CgroupMounts m = CgroupMounts.read(Path.of("/proc/self/mountinfo"));
        if (Files.isDirectory(Path.of("/sys/fs/cgroup/memory"))) {
            assertThat(m.mode()).isEqualTo(CgroupMounts.Mode.V1);
        } else {
            assertThat(m.mode()).isNotEqualTo(CgroupMounts.Mode.NONE);
        }
    }
}
