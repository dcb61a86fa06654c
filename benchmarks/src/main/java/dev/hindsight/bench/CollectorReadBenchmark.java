package dev.hindsight.bench;

import dev.hindsight.collector.SampleEncoder;
import dev.hindsight.collector.cgroup.CgroupLimitsReader;
import dev.hindsight.collector.cgroup.CgroupV1Reader;
import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.cgroup.ReadResult;
import dev.hindsight.collector.cgroup.V1Cadence;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One container's tick: read its cgroup v1 stats from real captured files (kept-open
 * descriptors, reusable buffers) and encode them into a raw-log record. Target: under
 * 20 µs and under 200 B allocated per container (run with {@code -prof gc}).
 *
 * <p>{@code readOnly} reads every file; {@code readTick} reads as the collector does a container
 * that ran since the last tick, through a {@link V1Cadence} with the container's limits, one op
 * per 1 s tick (so the slow files are read on one op in ten); {@code readTickQuiet} the same for
 * a container that did not run (the fixture's files do not change: two files a tick).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CollectorReadBenchmark {
    /**
     * A case of collector/src/test/resources/fixtures/cgroup/v1 (captured on this machine kind),
     * or {@code live}: this host's root cgroup in its real v1 hierarchies (kernel cost included).
     */
    @Param({"limited", "throttled", "live"})
    public String fixture;

    private ContainerPaths paths;
    private final ContainerStats stats = new ContainerStats();
    private final CgroupV1Reader reader = new CgroupV1Reader();
    private Path dataDir;
    private RawLog log;
    private RawLogWriter writer;
    private long now = 1_700_000_000_000L;
    private V1Cadence cadence;
    private long tickMs = 1_700_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = fixture.equals("live") ? Path.of("/sys/fs/cgroup") : Fixtures.v1(fixture);
        paths = ContainerPaths.v1Under(root, "", true);
        cadence = new V1Cadence(10_000, 1);
        cadence.limits(new CgroupLimitsReader().read(paths).limits());
        dataDir = Files.createTempDirectory("hindsight-bench");
        log = RawLog.open(dataDir);
        writer = log.writer();
    }

    @Benchmark
    public ReadResult readOnly() {
        stats.reset();
        return reader.read(paths, stats);
    }

    @Benchmark
    public ReadResult readTick() {
        stats.reset();
        tickMs += 1000;
        cadence.forgetFullRead(); // as if its usage had moved
        return reader.read(paths, stats, cadence, tickMs, false);
    }

    @Benchmark
    public ReadResult readTickQuiet() {
        stats.reset();
        tickMs += 1000;
        return reader.read(paths, stats, cadence, tickMs, false);
    }

    @Benchmark
    public int readAndEncode() {
        stats.reset();
        reader.read(paths, stats);
        return SampleEncoder.encode(writer, 1, now++, stats, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        paths.close();
        log.close();
        Fixtures.deleteTree(dataDir);
    }
}
