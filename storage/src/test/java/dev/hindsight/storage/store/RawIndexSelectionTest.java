package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.rawindex.Fleet;
import dev.hindsight.storage.retention.RetentionJob;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.series.MetricCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Raw reads through the raw index give exactly what the scan gives, on real files. */
@Timeout(180)
class RawIndexSelectionTest {
    private static final long MIN = 60_000;
    private static final int CONTAINERS = 40;
    private static final int SECONDS = 45 * 60; // 10-minute cycles: 5, the last one unfinished
    private static final long T0 = Fleet.T0;

    static HindsightConfig config(Path dir, long rawKeepMs) {
        // with a rollup level the store replays the whole log on open, so it learns every container's spec
        RetentionConfig r = new RetentionConfig(rawKeepMs, 5 * MIN, List.of(new RollupLevel(3_600_000L, 86_400_000L)),
            OptionalLong.empty());
        return HindsightConfig.defaults().withDataDir(dir).withRetention(r);
    }

    static StoreSeams seams(SetTimeProvider clock, boolean index) {
        return new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 30_000, false, index);
    }

    private static final List<List<LabelMatcher>> SELECTIONS = List.of(
        List.of(LabelMatcher.eq("__name__", "container_memory_working_set_bytes"), LabelMatcher.eq("name", "c05")),
        List.of(LabelMatcher.eq("__name__", "container_memory_working_set_bytes")), // too many: scanned
        List.of(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c0[2-4]")), // runs next to each other
        List.of(LabelMatcher.eq("__name__", MetricCatalog.NETWORK.get(0).name())),
        List.of(LabelMatcher.eq("__name__", MetricCatalog.DISK.get(1).name()), LabelMatcher.eq("name", "c06")),
        List.of(LabelMatcher.eq("name", "c40")), // stopped halfway
        List.of(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c0[135]")), // read past the records between them
        List.of(LabelMatcher.eq("__name__", "container_cpu_usage_seconds_total")),
        List.of(LabelMatcher.eq("name", "none")));

    private static final long[][] RANGES = {
        {T0, T0 + SECONDS * 1000L}, // everything: four indexed cycles, the open one and the head
        {T0 + 123_456, T0 + 17 * MIN + 1}, // starts and ends inside cycles
        {T0 + 10 * MIN, T0 + 20 * MIN - 1}, // exactly one cycle
        {T0 + 20 * MIN, T0 + 20 * MIN}, // one instant
        {T0 + 38 * MIN, T0 + 44 * MIN}, // the open cycle, partly in the head
        {T0 - 60 * MIN, T0 - 1}, // before the log
    };

    @Test
    void indexAndScanAgreeOnEverySelectionAndRange(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store indexed = Store.open(config(dir.resolve("a"), 86_400_000L), seams(clock, true), log);
                 Store scanned = Store.open(config(dir.resolve("b"), 86_400_000L), seams(clock, false), log)) {
                assertThat(indexFiles(log.directory())).as("finished cycles were indexed on catch-up").hasSize(4);
                assertThat(indexed.problems()).isEmpty();
                int nonEmpty = 0;
                for (List<LabelMatcher> m : SELECTIONS) {
                    for (long[] r : RANGES) {
                        TreeMap<String, List<String>> a = read(indexed, m, r);
                        assertThat(a).as("%s over [%d, %d]", m, r[0] - T0, r[1] - T0).isEqualTo(read(scanned, m, r));
                        nonEmpty += a.values().stream().mapToInt(List::size).sum() > 0 ? 1 : 0;
                    }
                }
                assertThat(nonEmpty).as("most comparisons have samples to compare").isGreaterThan(25);
                // spot check against the data written
                List<String> c05 = read(indexed, SELECTIONS.get(0), RANGES[2]).firstEntry().getValue();
                assertThat(c05).hasSize(600).startsWith((T0 + 10 * MIN) + "=" + (5000.0 + 600));
            }
        }
    }

    @Test
    void retentionDeletesTheIndexWithItsCycleAndReadsGoOn(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store store = Store.open(config(dir.resolve("a"), 24 * MIN), seams(clock, true), log)) {
                List<Path> before = indexFiles(log.directory());
                assertThat(before).hasSize(4);
                RetentionJob.Result r = store.runRetention();
                assertThat(r.failures()).isEmpty();
                // newest data at 44:59; keep 24 min: cycles ending by 20:59 go (the first two), each with its index
                assertThat(r.deleted()).extracting(s -> s.path().getFileName().toString())
                    .containsExactlyInAnyOrder(name(before.get(0), ".cq4"), name(before.get(1), ".cq4"),
                        name(before.get(0), ".hri"), name(before.get(1), ".hri"));
                assertThat(indexFiles(log.directory())).containsExactly(before.get(2), before.get(3));
                assertThat(store.indexRawCycles()).as("deleted cycles are not indexed again").isZero();
                TreeMap<String, List<String>> got = read(store, SELECTIONS.get(0), RANGES[0]);
                assertThat(got.firstEntry().getValue()).hasSize(SECONDS - 20 * 60)
                    .startsWith((T0 + 20 * MIN) + "=" + (5000.0 + 1200));
                assertThat(store.problems()).isEmpty();
            }
        }
    }

    @Test
    void aFollowingStoreIndexesFinishedCyclesInTheBackgroundAndAnswersTheSame(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            StoreSeams following = new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 30_000,
                true, true);
            try (Store store = Store.open(config(dir.resolve("a"), 86_400_000L), following, log);
                 Store scanned = Store.open(config(dir.resolve("b"), 86_400_000L), seams(clock, false), log)) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while ((indexFiles(log.directory()).size() < 4 || store.newestTimestamp() < T0 + (SECONDS - 1) * 1000L)
                    && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(indexFiles(log.directory())).as("the compactor thread indexed the finished cycles").hasSize(4);
                assertThat(read(store, SELECTIONS.get(1), RANGES[1])).isEqualTo(read(scanned, SELECTIONS.get(1), RANGES[1]));
                assertThat(store.problems()).isEmpty();
            }
        }
    }

    private static String name(Path index, String suffix) {
        String n = index.getFileName().toString();
        return n.substring(0, n.length() - 4) + suffix;
    }

    /** Each series' samples as "t=v" strings, by label set. */
    static TreeMap<String, List<String>> read(Store store, List<LabelMatcher> m, long[] range) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (Series s : store.select(m, SelectHints.raw(range[0], range[1])).series()) {
            List<String> samples = new ArrayList<>();
            SampleCursor c = s.cursor();
            while (c.next()) {
                samples.add(c.timestamp() + "=" + c.value());
            }
            out.put(s.labels().toString(), samples);
        }
        return out;
    }

    static List<Path> indexFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".hri")).sorted().toList();
        }
    }
}
