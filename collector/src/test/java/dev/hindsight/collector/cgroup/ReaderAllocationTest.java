package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-tick path must not allocate (the budget is under 200 bytes per container
 * tick, reading plus encoding). Measured with the thread's allocation counter after warm-up;
 * the JMH benchmark with {@code -prof gc} is the precise measurement, this is the guard.
 */
@Timeout(60)
class ReaderAllocationTest {
    private static final int READS = 2_000;
    private static final long BUDGET_BYTES_PER_READ = 64;

    @TempDir
    Path tmp;

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "skipped: this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported(), "skipped: allocation counter unsupported");
        sun.setThreadAllocatedMemoryEnabled(true);
        return sun;
    }

    private interface Tick {
        ReadResult read();
    }

    private static double bytesPerRead(Tick tick) {
        com.sun.management.ThreadMXBean bean = threads();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < READS; i++) {
            assertThat(tick.read()).isEqualTo(ReadResult.OK);
        }
        long before = bean.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        for (int i = 0; i < READS; i++) {
            tick.read();
        }
        long t1 = System.nanoTime();
        long after = bean.getThreadAllocatedBytes(id);
        System.out.printf("reader: %.1f bytes and %.1f us per read%n",
                (after - before) / (double) READS, (t1 - t0) / 1000.0 / READS);
        return (after - before) / (double) READS;
    }

    @Test
    void v1FixtureCopyKeptOpen() {
        Path c = TestFixtures.copyTree(TestFixtures.v1("limited"), tmp.resolve("limited"));
        CgroupV1Reader reader = new CgroupV1Reader();
        ContainerStats stats = new ContainerStats();
        try (ContainerPaths paths = CgroupV1ReaderTest.paths(c, true)) {
            assertThat(bytesPerRead(() -> reader.read(paths, stats))).isLessThan(BUDGET_BYTES_PER_READ);
        }
    }

    @Test
    void v2FixtureKeptOpen() {
        CgroupV2Reader reader = new CgroupV2Reader();
        ContainerStats stats = new ContainerStats();
        try (ContainerPaths paths = ContainerPaths.v2(TestFixtures.v2("limits-throttled-telegraf"), true)) {
            assertThat(bytesPerRead(() -> reader.read(paths, stats))).isLessThan(BUDGET_BYTES_PER_READ);
        }
    }

    @Test
    void liveV1RootCgroupKeptOpen() {
        Path root = Path.of("/sys/fs/cgroup");
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("memory/memory.usage_in_bytes")),
                "skipped: no cgroup v1 memory hierarchy on this host");
        CgroupV1Reader reader = new CgroupV1Reader();
        ContainerStats stats = new ContainerStats();
        try (ContainerPaths paths = ContainerPaths.v1Under(root, "", true)) {
            assertThat(bytesPerRead(() -> reader.read(paths, stats))).isLessThan(BUDGET_BYTES_PER_READ);
        }
    }
}
