package dev.hindsight.collector.cgroup;

import dev.hindsight.collector.io.TestFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hindsight.storage.record.ContainerField.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Which files a v1 tick reads with a {@link V1Cadence}, and that skipped files repeat their last values. */
@Timeout(10)
class V1CadenceTest {
    private static final long SLOW_MS = 10_000;
    /** Seed 1 puts the second slow reading 5,761 ms after the first. */
    private static final long PHASE_MS = Math.floorMod(2_654_435_761L, SLOW_MS);

    @TempDir
    Path tmp;

    private final CgroupV1Reader reader = new CgroupV1Reader();
    private final ContainerStats stats = new ContainerStats();
    private Path dir;
    private ContainerPaths paths;
    private V1Cadence cadence;

    @BeforeEach
    void setUp() {
        dir = TestFixtures.copyTree(TestFixtures.v1("limited"), tmp.resolve("limited"));
        paths = CgroupV1ReaderTest.paths(dir, true);
        cadence = new V1Cadence(SLOW_MS, 1);
        cadence.limits(false, false);
    }

    @AfterEach
    void tearDown() {
        paths.close();
    }

    private ReadResult tick(long nowMs) {
        return reader.read(paths, stats, cadence, nowMs, false);
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private long usageNs = 8_337_419_147L;

    /** The container ran: its CPU usage moved, so the next tick is not a quiet one. */
    private void ran() throws IOException {
        usageNs += 1_000_000;
        write("cpuacct/cpuacct.usage_percpu", usageNs / 2 + " " + (usageNs - usageNs / 2) + " \n");
    }

    /** Changes every file that is read only when due or changed (the container ran meanwhile). */
    private void changeSlowFiles() throws IOException {
        ran();
        write("memory/memory.max_usage_in_bytes", "99999999\n");
        write("memory/memory.failcnt", "5\n");
        write("cpu/cpu.stat", "nr_periods 70\nnr_throttled 60\nthrottled_time 3000000000\n");
        write("memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 1\noom_kill 2\n");
        write("blkio/blkio.throttle.io_service_bytes", "254:0 Read 999\n254:0 Write 888\nTotal 1887\n");
    }

    @Test
    void firstTickReadsWhatTheFullReadReads() {
        ContainerStats full = new ContainerStats();
        new CgroupV1Reader().read(paths, full);
        assertThat(tick(0)).isEqualTo(ReadResult.OK);
        assertThat(stats.present()).isEqualTo(full.present());
        for (int ordinal = 0; ordinal < 64; ordinal++) {
            if ((full.present() & (1L << ordinal)) != 0) {
                assertThat(stats.get(ordinal)).as("field %d", ordinal).isEqualTo(full.get(ordinal));
            }
        }
        assertThat(stats.blockIo().toString()).isEqualTo(full.blockIo().toString());
        assertThat(stats.underOom()).isZero();
    }

    @Test
    void filesNotDueRepeatTheirLastValuesUntilTheSlowReading() throws IOException {
        tick(0);
        changeSlowFiles();
        write("memory/memory.usage_in_bytes", "1000\n");
        assertThat(tick(1000)).isEqualTo(ReadResult.OK);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).as("read every tick").isEqualTo(1000);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(99364864L);
        assertThat(stats.get(MEMORY_FAILCNT)).isZero();
        assertThat(stats.has(MEMORY_FAILCNT)).isTrue();
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(64);
        assertThat(stats.get(CPU_CFS_THROTTLED_NS)).isEqualTo(2620468168L);
        assertThat(stats.get(OOM_KILLS)).isZero();
        assertThat(stats.underOom()).isZero();
        assertThat(stats.blockIo().readBytes(stats.blockIo().indexOf(254, 0))).as("serviced unchanged").isEqualTo(67571712L);
        assertThat(stats.blockIo().reads(stats.blockIo().indexOf(254, 0))).isEqualTo(164);

        assertThat(tick(PHASE_MS)).isEqualTo(ReadResult.OK);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(99999999L);
        assertThat(stats.get(MEMORY_FAILCNT)).isEqualTo(5);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(70);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(2);
        assertThat(stats.underOom()).isEqualTo(1);
        assertThat(stats.blockIo().readBytes(stats.blockIo().indexOf(254, 0))).isEqualTo(999);

        write("memory/memory.failcnt", "6\n");
        ran();
        tick(PHASE_MS + 1000);
        assertThat(stats.get(MEMORY_FAILCNT)).isEqualTo(5);
        tick(PHASE_MS + SLOW_MS);
        assertThat(stats.get(MEMORY_FAILCNT)).as("every slow interval after the first").isEqualTo(6);
    }

    @Test
    void limitsMakeFailcntAndCpuStatEveryTick() throws IOException {
        cadence.limits(true, true);
        tick(0);
        changeSlowFiles();
        tick(1000);
        assertThat(stats.get(MEMORY_FAILCNT)).isEqualTo(5);
        assertThat(stats.get(CPU_CFS_PERIODS)).isEqualTo(70);
        assertThat(stats.get(CPU_CFS_THROTTLED_PERIODS)).isEqualTo(60);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).as("still slow").isEqualTo(99364864L);
    }

    @Test
    void limitsFromTheSpec() throws IOException {
        cadence.limits(new ContainerLimits(1024, -1, 50_000, 100_000, null, null,
                ContainerLimits.V1_UNLIMITED_THRESHOLD, -1, -1, -1, -1));
        tick(0);
        changeSlowFiles();
        tick(1000);
        assertThat(stats.get(CPU_CFS_PERIODS)).as("a quota").isEqualTo(70);
        assertThat(stats.get(MEMORY_FAILCNT)).as("v1's no-limit value").isZero();
    }

    @Test
    void maxUsageIsReadWhenUsageExceedsIt() throws IOException {
        tick(0);
        write("memory/memory.usage_in_bytes", "99364865\n");
        write("memory/memory.max_usage_in_bytes", "99364865\n");
        tick(1000);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(99364865L);
    }

    @Test
    void oomNotificationReadsOomControl() throws IOException {
        tick(0);
        changeSlowFiles();
        reader.read(paths, stats, cadence, 1000, true);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(2);
        assertThat(stats.underOom()).isEqualTo(1);
        tick(2000);
        assertThat(stats.get(OOM_KILLS)).as("repeated").isEqualTo(2);
        assertThat(stats.underOom()).isEqualTo(1);
    }

    @Test
    void blkioBytesAreReadWhenServicedChanges() throws IOException {
        tick(0);
        changeSlowFiles();
        write("blkio/blkio.throttle.io_serviced", "254:0 Read 165\n254:0 Write 49\n8:0 Write 1\nTotal 215\n");
        tick(1000);
        BlockIoStats io = stats.blockIo();
        int vda = io.indexOf(254, 0);
        assertThat(io.readBytes(vda)).isEqualTo(999);
        assertThat(io.writeBytes(vda)).isEqualTo(888);
        assertThat(io.reads(vda)).isEqualTo(165);
        assertThat(io.present(io.indexOf(8, 0))).isEqualTo(BlockIoStats.WRITES);

        write("blkio/blkio.throttle.io_service_bytes", "254:0 Read 1\n");
        ran();
        tick(2000);
        io = stats.blockIo();
        assertThat(io.count()).isEqualTo(2);
        assertThat(io.readBytes(io.indexOf(254, 0))).as("serviced unchanged: bytes repeated").isEqualTo(999);
        assertThat(io.writes(io.indexOf(8, 0))).isEqualTo(1);
    }

    @Test
    void missingSlowFilesStayAbsent() throws IOException {
        Files.delete(dir.resolve("memory/memory.failcnt"));
        Files.delete(dir.resolve("cpu/cpu.stat"));
        tick(0);
        tick(1000);
        assertThat(stats.has(MEMORY_FAILCNT)).isFalse();
        assertThat(stats.has(CPU_CFS_PERIODS)).isFalse();
        assertThat(stats.has(MEMORY_MAX_USAGE_BYTES)).isTrue();
    }

    @Test
    void zeroIntervalReadsEverythingEveryTick() throws IOException {
        cadence = new V1Cadence(0, 1);
        cadence.limits(false, false);
        tick(0);
        changeSlowFiles();
        tick(1);
        assertThat(stats.get(MEMORY_FAILCNT)).isEqualTo(5);
        assertThat(stats.get(MEMORY_MAX_USAGE_BYTES)).isEqualTo(99999999L);
        assertThat(stats.get(OOM_KILLS)).isEqualTo(2);
        assertThat(stats.blockIo().readBytes(stats.blockIo().indexOf(254, 0))).isEqualTo(999);
    }

    @Test
    void quietTickReadsUsageAloneAndRepeatsTheRest() throws IOException {
        tick(0);
        String blockIo = stats.blockIo().toString();
        long workingSet = stats.get(MEMORY_WORKING_SET_BYTES);
        long present = stats.present();
        write("memory/memory.stat", "rss 1\ncache 2\ninactive_file 3\ntotal_rss 1\ntotal_cache 2\n"
                + "total_inactive_file 3\n");
        write("pids/pids.current", "77\n");
        write("cpuacct/cpuacct.stat", "user 1\nsystem 2\n");
        write("blkio/blkio.throttle.io_serviced", "254:0 Read 1\n254:0 Write 2\n");

        assertThat(tick(1000)).isEqualTo(ReadResult.OK);
        assertThat(stats.present()).isEqualTo(present);
        assertThat(stats.get(MEMORY_RSS_BYTES)).as("repeated").isEqualTo(70414336L);
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(workingSet);
        assertThat(stats.get(PIDS_CURRENT)).isNotEqualTo(77);
        assertThat(stats.get(CPU_USER_NS)).isNotEqualTo(10_000_000L);
        assertThat(stats.blockIo().toString()).isEqualTo(blockIo);

        ran();
        tick(2000);
        assertThat(stats.get(MEMORY_RSS_BYTES)).as("read once the container ran").isEqualTo(1);
        assertThat(stats.get(MEMORY_WORKING_SET_BYTES)).isEqualTo(90972160L - 3);
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(77);
        assertThat(stats.get(CPU_USER_NS)).isEqualTo(10_000_000L);
        assertThat(stats.blockIo().reads(stats.blockIo().indexOf(254, 0))).isEqualTo(1);
    }

    @Test
    void memoryUsageAloneEndsAQuietTick() throws IOException {
        tick(0);
        write("pids/pids.current", "77\n");
        write("memory/memory.usage_in_bytes", "90000000\n");
        tick(1000);
        assertThat(stats.get(PIDS_CURRENT)).isEqualTo(77);
        assertThat(stats.get(MEMORY_USAGE_BYTES)).isEqualTo(90000000L);
    }

    @Test
    void slowReadingAndOomNotificationReadEverythingOfAQuietContainer() throws IOException {
        tick(0);
        write("pids/pids.current", "77\n");
        reader.read(paths, stats, cadence, 1000, true);
        assertThat(stats.get(PIDS_CURRENT)).as("OOM notified").isEqualTo(77);
        write("pids/pids.current", "78\n");
        tick(2000);
        assertThat(stats.get(PIDS_CURRENT)).as("quiet").isEqualTo(77);
        tick(PHASE_MS);
        assertThat(stats.get(PIDS_CURRENT)).as("slow reading").isEqualTo(78);
    }

    @Test
    void vanishedCgroupIsGone() throws IOException {
        try (ContainerPaths reopened = CgroupV1ReaderTest.paths(dir, false)) {
            assertThat(reader.read(reopened, stats, cadence, 0, false)).isEqualTo(ReadResult.OK);
            CgroupV1ReaderTest.deleteTree(dir);
            assertThat(reader.read(reopened, stats, cadence, 1000, false)).isEqualTo(ReadResult.GONE);
        }
    }
}
