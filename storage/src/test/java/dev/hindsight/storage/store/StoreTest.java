package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class StoreTest {
    static final long T0 = 1_700_000_400_000L;
    static final long MIN = 60_000;

    static HindsightConfig config(Path dir) {
        return config(dir, 10 * MIN);
    }

    static HindsightConfig config(Path dir, long headWindowMs) {
        RetentionConfig r = new RetentionConfig(86_400_000L, headWindowMs,
            List.of(new RollupLevel(10_000, 86_400_000L), new RollupLevel(MIN, 7 * 86_400_000L)), OptionalLong.empty());
        return HindsightConfig.defaults().withDataDir(dir).withRetention(r);
    }

    static StoreSeams seams(SetTimeProvider clock) {
        return new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 30_000, false);
    }

    static ContainerSpec spec(int id, String name) {
        return new ContainerSpec(id, T0, "/docker/" + name, name, "img:" + name, "docker", Map.of("tier", "web"),
            T0 - 5_000, 1024, -1, 100_000, "", "", 1L << 30, ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, -1);
    }

    /** Writes seconds [from, to) of two containers: cpu grows 0.5 s/s (reset at 900 s), memory = 1000 + second. */
    static void write(RawLogWriter w, SetTimeProvider clock, int from, int to) {
        for (int sec = from; sec < to; sec++) {
            long t = T0 + 1000L * sec;
            clock.currentTimeMillis(t);
            if (sec == 0) {
                w.spec(spec(1, "web"));
                w.spec(spec(2, "db"));
                w.event(new ContainerEvent(1, t, EventType.CONTAINER_CREATION, 0));
            }
            for (int c = 1; c <= 2; c++) {
                long cpu = (sec >= 900 && c == 1 ? sec - 900 : sec) * 500_000_000L;
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, cpu)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec);
                w.commitContainerSample();
            }
            if (sec == 1000) {
                w.event(new ContainerEvent(2, t, EventType.OOM_KILL, 1));
            }
        }
    }

    static List<double[]> samples(SeriesSet set, String name) {
        Series s = set.series().stream().filter(x -> x.labels().get("name").equals(name)).findFirst().orElseThrow();
        List<double[]> out = new ArrayList<>();
        SampleCursor c = s.cursor();
        while (c.next()) {
            out.add(new double[] {c.timestamp(), c.value()});
        }
        return out;
    }

    static final List<LabelMatcher> WS = List.of(LabelMatcher.eq("__name__", "container_memory_working_set_bytes"));
    static final List<LabelMatcher> CPU = List.of(LabelMatcher.eq("__name__", "container_cpu_usage_seconds_total"));

    @Test
    void servesRawFromHeadAndDiskAndRollupsByStep(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 0, 1800);
            try (Store store = Store.open(config(dir), seams(clock), log)) {
                assertThat(store.problems()).isEmpty();
                assertThat(store.newestTimestamp()).isEqualTo(T0 + 1_799_000);
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("rollup").resolve("1m"))) {
                    assertThat(files.filter(p -> p.toString().endsWith(".hrb")).count())
                        .as("finished rollup cycles were compacted, so the rollup reads below go through block files")
                        .isEqualTo(2);
                }

                // raw over 30 minutes: the head holds the last 10, the rest comes from the raw log
                SeriesSet raw = store.select(WS, SelectHints.raw(T0, T0 + 1_800_000));
                assertThat(raw.resolutionMs()).isZero();
                assertThat(raw.series()).hasSize(2);
                assertThat(raw.sortedByLabels()).isTrue();
                assertThat(raw.series()).extracting(x -> x.labels().get("name"))
                    .as("in label order (web's series were registered first)").containsExactly("db", "web");
                List<double[]> web = samples(raw, "web");
                assertThat(web).hasSize(1800);
                for (int i = 0; i < 1800; i++) {
                    assertThat(web.get(i)).containsExactly(T0 + 1000.0 * i, 1000.0 + i);
                }
                assertThat(samples(store.select(WS, SelectHints.raw(T0 + 100_000, T0 + 100_999)), "db"))
                    .containsExactly(new double[] {T0 + 100_000, 2100});

                // step 1m: the 1m rollup, max per bucket, stamped at bucket end
                SeriesSet max = store.select(WS, new SelectHints(T0, T0 + 1_800_000, MIN, 0, Aggregate.MAX));
                assertThat(max.resolutionMs()).isEqualTo(MIN);
                assertThat(max.sortedByLabels()).isTrue();
                assertThat(max.series()).extracting(x -> x.labels().get("name")).containsExactly("db", "web");
                List<double[]> maxWeb = samples(max, "web");
                assertThat(maxWeb).hasSize(30);
                assertThat(maxWeb.get(0)).containsExactly(T0 + MIN, 1059);
                assertThat(maxWeb.get(29)).containsExactly(T0 + 1_800_000, 1000 + 1799);

                // step 15s, range 10s: the 10s rollup; counter increase survives the reset at 900 s
                SeriesSet inc = store.select(CPU, new SelectHints(T0, T0 + 1_800_000, 15_000, 10_000, Aggregate.COUNTER));
                assertThat(inc.resolutionMs()).isEqualTo(10_000);
                double total = samples(inc, "web").stream().mapToDouble(x -> x[1]).sum();
                assertThat(total).isCloseTo(0.5 * 899 + 0.5 * 899, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(samples(inc, "db").stream().mapToDouble(x -> x[1]).sum())
                    .isCloseTo(0.5 * 1799, org.assertj.core.data.Offset.offset(1e-6));

                // labels, metadata, events
                assertThat(store.labelValues("name", List.of(), 0, Long.MAX_VALUE)).containsExactly("db", "web");
                assertThat(store.labelNames(CPU, 0, Long.MAX_VALUE)).containsExactly("__name__", "cpu", "id", "image", "name");
                assertThat(store.labelValues("name", List.of(), T0 + 1_800_000, Long.MAX_VALUE))
                    .as("no container has a sample after the newest one").isEmpty();
                assertThat(store.seriesLabels(WS, T0 + 1_700_000, T0 + 1_800_000)).hasSize(2);
                assertThat(store.select(List.of(LabelMatcher.eq("__name__", "container_info"), LabelMatcher.eq("name", "db")),
                    SelectHints.raw(T0, T0 + 10_000)).series().get(0).labels().get("container_label_tier")).isEqualTo("web");
                assertThat(store.metadata("container_cpu_usage_seconds_total").orElseThrow().type().promName()).isEqualTo("counter");
                assertThat(store.events(c -> true, Set.of(), 0, Long.MAX_VALUE)).extracting(e -> e.type())
                    .containsExactly(EventType.CONTAINER_CREATION, EventType.OOM_KILL);
                assertThat(store.events(c -> c == 2, Set.of(EventType.OOM_KILL), T0, T0 + 2_000_000)).hasSize(1);
            }
        }
    }

    /** Every bucket of every rollup queue plus raw reads, as comparable text. */
    static Map<String, List<String>> snapshot(Store store) {
        return snapshot(store, T0 + 3_000_000);
    }

    static Map<String, List<String>> snapshot(Store store, long end) {
        Map<String, List<String>> out = new TreeMap<>();
        for (long step : new long[] {0, 10_000, MIN}) {
            for (Aggregate a : step == 0 ? new Aggregate[] {Aggregate.RAW} : Aggregate.values()) {
                if (step > 0 && a == Aggregate.RAW) {
                    continue;
                }
                for (List<LabelMatcher> m : List.of(WS, CPU)) {
                    SeriesSet set = store.select(m, new SelectHints(T0, end, step, 0, a));
                    for (Series s : set.series()) {
                        List<String> values = new ArrayList<>();
                        SampleCursor c = s.cursor();
                        while (c.next()) {
                            values.add(c.timestamp() + "=" + c.value());
                        }
                        out.put(set.resolutionMs() + " " + a + " " + s.labels(), values);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aLevelNoCoarserThanTheIntervalIsNotKeptAndRawSamplesServeItsSteps(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 0, 1800);
            // the 10s level of config() at a 10 s interval would hold each sample again
            try (Store store = Store.open(config(dir).withInterval(10_000), seams(clock), log)) {
                assertThat(dir.resolve("rollup").resolve("10s")).doesNotExist();
                assertThat(dir.resolve("rollup").resolve("1m")).isDirectory();
                SeriesSet at20s = store.select(WS, new SelectHints(T0, T0 + 1_800_000, 20_000, 0, Aggregate.MAX));
                assertThat(at20s.resolutionMs()).as("raw, where the 10s level would have served").isZero();
                assertThat(samples(at20s, "web")).hasSize(1800);
                SeriesSet at1m = store.select(WS, new SelectHints(T0, T0 + 1_800_000, MIN, 0, Aggregate.MAX));
                assertThat(at1m.resolutionMs()).isEqualTo(MIN);
                assertThat(samples(at1m, "web")).hasSize(30);
            }
        }
    }

    @Test
    void rollupAnswersAreTheSameWhetherTheHeadOrTheQueueHoldsTheNewestBuckets(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 0, 2400);
        }
        SetTimeProvider later = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0 + 2_400_000));
        Map<String, List<String>> smallHead;
        Map<String, List<String>> bigHead;
        // a 10-minute head starts after the newest, uncompacted rollup cycle: read from the queue
        try (Store store = Store.open(config(dir, 10 * MIN), seams(later))) {
            assertThat(store.problems()).isEmpty();
            smallHead = snapshot(store);
        }
        // a 30-minute head reaches back past it: those buckets are computed from the head instead
        try (Store store = Store.open(config(dir, 30 * MIN), seams(later))) {
            bigHead = snapshot(store);
        }
        assertThat(bigHead.keySet()).hasSizeGreaterThan(10).isEqualTo(smallHead.keySet());
        for (String k : smallHead.keySet()) {
            assertThat(bigHead.get(k)).as(k).isNotEmpty().containsExactlyElementsOf(smallHead.get(k));
        }
    }

    @Test
    void restartedStoreAnswersLikeOneRebuiltFromTheRawLog(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("a");
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            RawLogWriter w = log.writer();
            write(w, clock, 0, 700);
            try (Store store = Store.open(config(dir), seams(clock), log)) {
                assertThat(store.ingestedRecords()).isGreaterThan(1000);
            }
            write(w, clock, 700, 1500);
            try (Store store = Store.open(config(dir), seams(clock), log)) {
                store.catchUp();
            }
            write(w, clock, 1500, 2400);
        }
        Path fresh = tmp.resolve("b");
        copy(dir.resolve("raw"), fresh.resolve("raw"));
        Map<String, List<String>> restarted;
        Map<String, List<String>> rebuilt;
        try (Store store = Store.open(config(dir), seams(new SetTimeProvider(java.time.Instant.ofEpochMilli(T0 + 2_400_000))))) {
            restarted = snapshot(store);
            assertThat(store.problems()).isEmpty();
        }
        try (Store store = Store.open(config(fresh), seams(new SetTimeProvider(java.time.Instant.ofEpochMilli(T0 + 2_400_000))))) {
            rebuilt = snapshot(store);
        }
        assertThat(restarted.keySet()).hasSizeGreaterThan(10).isEqualTo(rebuilt.keySet());
        for (String k : rebuilt.keySet()) {
            assertThat(restarted.get(k)).as(k).isNotEmpty().containsExactlyElementsOf(rebuilt.get(k));
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
