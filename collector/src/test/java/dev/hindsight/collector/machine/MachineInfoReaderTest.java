package dev.hindsight.collector.machine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(20)
class MachineInfoReaderTest {
    @TempDir
    Path tmp;
    Path proc;
    Path sys;
    Path etc;

    private static final FilesystemProbe FAKE = mount -> new FilesystemProbe.Usage(1000, 400, 50, 20);

    @BeforeEach
    void roots() throws IOException {
        proc = Files.createDirectories(tmp.resolve("proc"));
        sys = Files.createDirectories(tmp.resolve("sys"));
        etc = Files.createDirectories(tmp.resolve("etc"));
    }

    private void write(Path root, String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void vmLayout() throws IOException {
        Files.copy(TestFixtures.proc("cpuinfo/vm_2cpu_6.18"), proc.resolve("cpuinfo"));
        Files.copy(TestFixtures.proc("meminfo/vm_24g_6.18"), proc.resolve("meminfo"));
        write(proc, "self/mountinfo", Files.readString(TestFixtures.proc("mountinfo/hybrid_host")));
        write(proc, "sys/kernel/random/boot_id", "43b6a040-ef24-4e11-96db-782e8957825f\n");
        write(proc, "sys/kernel/osrelease", "6.18.44-fc-v669\n");
        write(etc, "machine-id", "3d1219c7c4c5404aaa1f6d2a48adfda4\n");
        write(etc, "os-release", "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");
        write(sys, "block/vda/dev", "254:0\n");
        write(sys, "block/vda/size", "536870912\n");
        write(sys, "block/vda/queue/rotational", "0\n");
        write(sys, "block/vda/queue/scheduler", "none [mq-deadline] kyber bfq\n");
        write(sys, "block/loop0/dev", "7:0\n");
        write(sys, "block/ram0/dev", "1:0\n");
        write(sys, "block/sda/dev", "8:0\n");
        write(sys, "block/sda/size", "100\n");
        write(sys, "block/sda/queue/rotational", "1\n");
        write(sys, "class/net/eth0/address", "02:fc:00:00:00:01\n");
        write(sys, "class/net/eth0/mtu", "1400\n");
        write(sys, "class/net/eth0/speed", "-1\n");
        write(sys, "class/net/eth1/address", "02:fc:00:00:00:02\n");
        write(sys, "class/net/eth1/mtu", "9000\n");
        write(sys, "class/net/eth1/speed", "10000\n");
        write(sys, "class/net/lo/address", "00:00:00:00:00:00\n");
        write(sys, "kernel/mm/hugepages/hugepages-2048kB/nr_hugepages", "16\n");
        write(sys, "kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages", "0\n");
        write(sys, "devices/system/node/node0/cpulist", "0-1\n");
        write(sys, "devices/system/node/node0/meminfo", "Node 0 MemTotal:        5334816 kB\nNode 0 MemFree:  1 kB\n");
        write(sys, "devices/system/node/online", "0\n");
    }

    @Test
    void vmFixtures() throws IOException {
        vmLayout();
        MachineInfo m = new MachineInfoReader(proc, sys, etc, FAKE).read();
        assertThat(m.logicalCores()).isEqualTo(2);
        assertThat(m.physicalCores()).isEqualTo(2);
        assertThat(m.sockets()).isEqualTo(1);
        assertThat(m.cpuFrequencyKhz()).isEqualTo(2596132);
        assertThat(m.memoryBytes()).isEqualTo(24684084L * 1024);
        assertThat(m.swapBytes()).isZero();
        assertThat(m.hugePages()).containsExactly(new MachineInfo.HugePages(2048, 16), new MachineInfo.HugePages(1048576, 0));
        assertThat(m.numaNodes()).containsExactly(new MachineInfo.NumaNode(0, List.of(0, 1), 5334816L * 1024));
        assertThat(m.machineId()).isEqualTo("3d1219c7c4c5404aaa1f6d2a48adfda4");
        assertThat(m.bootId()).isEqualTo("43b6a040-ef24-4e11-96db-782e8957825f");
        assertThat(m.systemUuid()).as("no DMI").isNull();
        assertThat(m.kernelVersion()).isEqualTo("6.18.44-fc-v669");
        assertThat(m.osImage()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(m.blockDevices()).containsExactly(
                new MachineInfo.BlockDevice("sda", 8, 0, 51200, true, null),
                new MachineInfo.BlockDevice("vda", 254, 0, 536870912L * 512, false, "mq-deadline"));
        assertThat(m.filesystems()).as("/dev/vda once, though mounted twice").containsExactly(
                new MachineInfo.Filesystem("/dev/vda", "/", "ext4", 254, 0, 1000, 400, 50, 20));
        assertThat(m.networkDevices()).containsExactly(
                new MachineInfo.NetworkDevice("eth0", "02:fc:00:00:00:01", 1400, -1),
                new MachineInfo.NetworkDevice("eth1", "02:fc:00:00:00:02", 9000, 10000));
    }

    @Test
    void intelEightThreadsFourCores() throws IOException {
        Files.copy(TestFixtures.proc("cpuinfo/procfs_intel_8cpu"), proc.resolve("cpuinfo"));
        Files.copy(TestFixtures.proc("meminfo/procfs_16g"), proc.resolve("meminfo"));
        MachineInfo m = new MachineInfoReader(proc, sys, etc, FAKE).read();
        assertThat(m.logicalCores()).isEqualTo(8);
        assertThat(m.physicalCores()).isEqualTo(4);
        assertThat(m.sockets()).isEqualTo(1);
        assertThat(m.cpuFrequencyKhz()).isEqualTo(800083);
        assertThat(m.memoryBytes()).isEqualTo(15666184L * 1024);
        assertThat(m.machineId()).isNull();
        assertThat(m.filesystems()).isEmpty();
        assertThat(m.numaNodes()).isEmpty();
    }

    @Test
    void topologyFromSysfsWhenCpuinfoHasNone() throws IOException {
        write(proc, "cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\n\nprocessor\t: 1\n\nprocessor\t: 2\n\nprocessor\t: 3\n");
        for (int cpu = 0; cpu < 4; cpu++) {
            write(sys, "devices/system/cpu/cpu" + cpu + "/topology/physical_package_id", (cpu / 2) + "\n");
            write(sys, "devices/system/cpu/cpu" + cpu + "/topology/core_id", "0\n");
        }
        write(sys, "devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq", "3000000\n");
        MachineInfo m = new MachineInfoReader(proc, sys, etc, FAKE).read();
        assertThat(m.logicalCores()).isEqualTo(4);
        assertThat(m.sockets()).isEqualTo(2);
        assertThat(m.physicalCores()).isEqualTo(2);
        assertThat(m.cpuFrequencyKhz()).isEqualTo(3_000_000);
    }

    @Test
    void emptyRootsAreUnknownNotErrors() {
        MachineInfo m = new MachineInfoReader(proc, sys, etc, FAKE).read();
        assertThat(m.logicalCores()).isZero();
        assertThat(m.memoryBytes()).isEqualTo(-1);
        assertThat(m.cpuFrequencyKhz()).isEqualTo(-1);
        assertThat(m.kernelVersion()).isNull();
        assertThat(m.blockDevices()).isEmpty();
    }

    @Test
    void helpers() {
        assertThat(MachineInfoReader.parseCpuList("0-3,8,10-11")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(MachineInfoReader.parseCpuList("")).isEmpty();
        assertThat(MachineInfoReader.unescape("/mnt/with\\040space")).isEqualTo("/mnt/with space");
        assertThat(MachineInfoReader.selectedScheduler("none")).isEqualTo("none");
    }

    @Test
    void jsonRoundTrips() throws IOException {
        vmLayout();
        write(etc, "os-release", "PRETTY_NAME=\"Quote \\\" and\ttab\"\n");
        MachineInfo m = new MachineInfoReader(proc, sys, etc, FAKE).read();
        JsonNode json = new ObjectMapper().readTree(m.toJson());
        assertThat(json.get("num_cores").asInt()).isEqualTo(2);
        assertThat(json.get("memory_capacity").asLong()).isEqualTo(24684084L * 1024);
        assertThat(json.get("os_image").asText()).isEqualTo("Quote \\\" and\ttab");
        assertThat(json.get("system_uuid").isNull()).isTrue();
        assertThat(json.get("disks").get(1).get("scheduler").asText()).isEqualTo("mq-deadline");
        assertThat(json.get("topology").get(0).get("cpus").get(1).asInt()).isEqualTo(1);
        assertThat(json.get("filesystems").get(0).get("inodes_free").asLong()).isEqualTo(20);
        assertThat(json.get("network_devices").get(1).get("speed").asLong()).isEqualTo(10000);
        assertThat(json.get("hugepages").get(0).get("num_pages").asLong()).isEqualTo(16);
    }

    @Test
    void liveHost() {
        MachineInfo m = MachineInfoReader.ofHost().read();
        assertThat(m.logicalCores()).isGreaterThanOrEqualTo(1);
        assertThat(m.physicalCores()).isBetween(1, m.logicalCores());
        assertThat(m.memoryBytes()).isGreaterThan(0);
        assertThat(m.kernelVersion()).isNotBlank();
        assertThat(m.bootId()).hasSize(36);
        assertThat(m.filesystems()).isNotEmpty();
        MachineInfo.Filesystem first = m.filesystems().get(0);
        assertThat(first.capacityBytes()).isGreaterThan(0);
        if ("amd64".equals(System.getProperty("os.arch"))) {
            assertThat(Statvfs.available()).as("statvfs binds on x86-64 glibc").isTrue();
            assertThat(first.inodes()).as("statvfs via JNA (0 on btrfs)").isGreaterThanOrEqualTo(0);
            assertThat(first.inodesFree()).isBetween(0L, Math.max(0, first.inodes()));
        }
        assertThat(m.toJson()).startsWith("{\"num_cores\":");
    }
}
