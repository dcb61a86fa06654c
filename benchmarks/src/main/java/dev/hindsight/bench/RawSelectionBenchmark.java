package dev.hindsight.bench;

import dev.hindsight.bench.data.FleetStore;
import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
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
 * Raw reads beyond the head: one container's working set (and the {@code web} app's, one
 * container in five, and every container's memory usage) over the three finished hours of a
 * four-hour raw log at 10 s ({@code containers} containers; the head holds the last 10 minutes),
 * decoded from the finished cycles' raw blocks ({@code read=blocks}), read through the raw index
 * ({@code read=index}) and by scanning every record of the range ({@code read=scan}, as before
 * the index). The log is written in the trial's setup, with a store following it that replays
 * it on {@link Store#catchUp()} (and indexes finished cycles and writes their blocks).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawSelectionBenchmark {
    private static final long HOUR = 3_600_000L;
    private static final long END_MS = 1_700_006_400_000L; // an hour boundary
    private static final long START_MS = END_MS - 4 * HOUR;

    @Param({"1000"})
    public int containers;

    @Param({"blocks", "index", "scan"})
    public String read;

    private RawLog log;
    private Store store;
    private Path data;
    private SelectHints hints;
    private List<LabelMatcher> one;
    private List<LabelMatcher> web;
    private List<LabelMatcher> all;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SetTimeProvider clock = new SetTimeProvider(START_MS);
        RetentionConfig retention = new RetentionConfig(2 * 86_400_000L, 10 * 60_000L, List.of(), OptionalLong.empty());
        SyntheticFleet f = new SyntheticFleet(containers, START_MS, END_MS, 10_000L, 11);
        data = Files.createTempDirectory("hindsight-raw-bench");
        log = RawLog.open(data.resolve("log"), RollCycles.FAST_HOURLY, clock, false);
        HindsightConfig config = HindsightConfig.defaults().withDataDir(data.resolve("store")).withRetention(retention);
        // opened before the log is written, so catch-up reads it all (specs included)
        store = Store.open(config, FleetStore.seams(clock).withRawIndex(!read.equals("scan"))
            .withRawBlocks(read.equals("blocks")), log);
        f.write(log.writer(), clock::currentTimeMillis);
        store.catchUp();
        hints = SelectHints.raw(START_MS, END_MS - HOUR - 1);
        one = List.of(LabelMatcher.eq("__name__", "container_memory_working_set_bytes"),
            LabelMatcher.eq("name", f.names().get(0)));
        web = List.of(LabelMatcher.eq("__name__", "container_memory_working_set_bytes"),
            LabelMatcher.of(LabelMatcher.Op.RE, "name", "web.*"));
        all = List.of(LabelMatcher.eq("__name__", "container_memory_usage_bytes"));
        int samples = count();
        if (samples < 1000) {
            throw new IllegalStateException("expected about 1080 samples of " + one + ", got " + samples);
        }
        long blockSamples = store.rawBlocks() == null ? 0 : store.rawBlocks().blockedSampleCount();
        System.out.println("read " + read + ": " + samples + " samples, "
            + store.problems().size() + " problems, " + bytes(".hri") + " index bytes, " + bytes(".cq4") + " log bytes, "
            + bytes(".hrs") + " block bytes for " + blockSamples + " samples ("
            + (blockSamples == 0 ? "-" : String.format("%.2f", bytes(".hrs") / (double) blockSamples)) + " B/sample)");
    }

    private long bytes(String suffix) throws IOException {
        try (var files = Files.list(log.directory())) {
            return files.filter(p -> p.toString().endsWith(suffix)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private int count() {
        int n = 0;
        var c = store.select(one, hints).series().get(0).cursor();
        while (c.next()) {
            n++;
        }
        return n;
    }

    @Benchmark
    public double oneContainer3hBeyondHead() {
        return SelectionBenchmark.readAll(store.select(one, hints));
    }

    /** The {@code web} app's containers (one in five), as the compare harness's {@code name=~"web.*"} query. */
    @Benchmark
    public double webContainers3hBeyondHead() {
        return SelectionBenchmark.readAll(store.select(web, hints));
    }

    /** Every container's memory usage (1,000 series), as a {@code quantile_over_time} over all of them reads. */
    @Benchmark
    public double allContainers3hBeyondHead() {
        return SelectionBenchmark.readAll(store.select(all, hints));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        log.close();
        try (var s = Files.walk(data)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
