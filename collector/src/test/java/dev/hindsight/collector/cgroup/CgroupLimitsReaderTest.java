package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hindsight.collector.cgroup.ContainerLimits.UNKNOWN;
import static dev.hindsight.collector.cgroup.ContainerLimits.UNLIMITED;
import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class CgroupLimitsReaderTest {
    @TempDir
    Path tmp;

    private final CgroupLimitsReader reader = new CgroupLimitsReader();
    private int copies;

    private ContainerLimits v1(String name) {
        Path copy = TestFixtures.copyTree(TestFixtures.v1(name), tmp.resolve(name + "-" + copies++));
        try (ContainerPaths p = CgroupV1ReaderTest.paths(copy, false)) {
            CgroupLimitsReader.Result r = reader.read(p);
            assertThat(r.result()).isEqualTo(ReadResult.OK);
            return r.limits();
        }
    }

    private ContainerLimits v2(String name) {
        try (ContainerPaths p = ContainerPaths.v2(TestFixtures.v2(name), false)) {
            CgroupLimitsReader.Result r = reader.read(p);
            assertThat(r.result()).isEqualTo(ReadResult.OK);
            return r.limits();
        }
    }

    @Test
    void v1Limited() {
        ContainerLimits l = v1("limited");
        assertThat(l).isEqualTo(new ContainerLimits(512, UNKNOWN, 150000, 100000, "0-1", "0",
                268435456L, UNLIMITED, UNKNOWN, UNLIMITED, 64));
    }

    @Test
    void v1UnlimitedDefaults() {
        ContainerLimits l = v1("unlimited");
        assertThat(l.cpuShares()).isEqualTo(1024);
        assertThat(l.cpuQuotaUs()).as("quota -1").isEqualTo(UNLIMITED);
        assertThat(l.memoryLimitBytes()).as("9223372036854771712").isEqualTo(UNLIMITED);
        assertThat(l.pidsMax()).as("max").isEqualTo(UNLIMITED);
        assertThat(l.swapLimitBytes()).as("memsw file dropped from this case").isEqualTo(UNKNOWN);
    }

    @Test
    void v1ThrottledAndOom() {
        assertThat(v1("throttled").cpuQuotaUs()).isEqualTo(20000);
        assertThat(v1("throttled").memoryLimitBytes()).isEqualTo(536870912L);
        assertThat(v1("oom").memoryLimitBytes()).isEqualTo(33554432L);
        assertThat(v1("root").pidsMax()).as("root has no pids files").isEqualTo(UNKNOWN);
    }

    @Test
    void v2Limits() {
        ContainerLimits l = v2("limits-throttled-telegraf");
        assertThat(l.cpuQuotaUs()).isEqualTo(4800000);
        assertThat(l.cpuPeriodUs()).isEqualTo(100000);
        assertThat(l.cpuWeight()).isEqualTo(79);
        assertThat(l.cpuShares()).isEqualTo(2 + 78 * 262142 / 9999);
        assertThat(l.cpusetCpus()).as("empty cpuset.cpus falls back to effective").isEqualTo("0-95");
        assertThat(l.cpusetMems()).isEqualTo("0-1");
        assertThat(l.memoryLimitBytes()).isEqualTo(103079215104L);
        assertThat(l.memoryHighBytes()).isEqualTo(UNLIMITED);
        assertThat(l.memoryReservationBytes()).isZero();
        assertThat(l.swapLimitBytes()).isZero();
        assertThat(l.pidsMax()).isEqualTo(629145);
    }

    @Test
    void v2Unlimited() {
        ContainerLimits l = v2("max-unlimited-session-scope");
        assertThat(l.cpuQuotaUs()).isEqualTo(UNLIMITED);
        assertThat(l.cpuPeriodUs()).isEqualTo(100000);
        assertThat(l.cpuShares()).as("weight 100").isEqualTo(2597);
        assertThat(l.memoryLimitBytes()).isEqualTo(UNLIMITED);
        assertThat(l.swapLimitBytes()).isEqualTo(UNLIMITED);
        assertThat(l.pidsMax()).isEqualTo(UNLIMITED);
        assertThat(v2("throttled-k8s-besteffort").cpuQuotaUs()).isEqualTo(10000);
        assertThat(v2("throttled-k8s-besteffort").pidsMax()).isEqualTo(UNKNOWN);
    }

    @Test
    void weightConversion() {
        assertThat(ContainerLimits.weightToShares(1)).isEqualTo(2);
        assertThat(ContainerLimits.weightToShares(10000)).isEqualTo(262144);
        assertThat(ContainerLimits.weightToShares(0)).isEqualTo(UNKNOWN);
    }

    @Test
    void goneAndMalformed() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("v2"));
        Files.writeString(d.resolve("cpu.max"), "banana 100000\n");
        try (ContainerPaths p = ContainerPaths.v2(d, false)) {
            CgroupLimitsReader.Result r = reader.read(p);
            assertThat(r.limits().cpuQuotaUs()).isEqualTo(UNKNOWN);
            assertThat(reader.errors().count(dev.hindsight.collector.io.ReadStatus.MALFORMED)).isEqualTo(1);
            Files.delete(d.resolve("cpu.max"));
            Files.delete(d);
            assertThat(reader.read(p).result()).isEqualTo(ReadResult.GONE);
            assertThat(reader.read(p).limits()).isNull();
        }
    }
}
