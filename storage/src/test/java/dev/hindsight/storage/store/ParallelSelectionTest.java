package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.MIN;
import static dev.hindsight.storage.store.StoreTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.SeriesSet;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A selection of many series, read in ranges on several threads from the rollups
 * ({@link ParallelReads}) and in one pass from the raw log beyond the head, gives each series
 * the points a selection of that series alone returns.
 */
@Timeout(120)
class ParallelSelectionTest {
    private static final int CONTAINERS = 4 * ParallelReads.MIN_PER_RANGE + 3;

    @Test
    void manySeriesReadInParallelEqualEachReadAlone(@TempDir Path dir) {
        withStore(dir, store -> {
            for (Aggregate agg : List.of(Aggregate.MAX, Aggregate.COUNTER, Aggregate.LAST)) {
                String metric = agg == Aggregate.COUNTER ? "container_cpu_usage_seconds_total"
                    : "container_memory_working_set_bytes";
                assertEachAsAlone(store, metric, new SelectHints(T0, T0 + 1_800_000, MIN, 0, agg), MIN, 30);
            }
        });
    }

    @Test
    void manySeriesReadFromTheRawLogEqualEachReadAlone(@TempDir Path dir) {
        // 30 minutes: the head holds the last 10, the rest is read from the raw log
        withStore(dir, store -> assertEachAsAlone(store, "container_memory_working_set_bytes",
            SelectHints.raw(T0, T0 + 1_800_000), 0, 1800));
    }

    /** 30 minutes of the containers in a store with a 10 minute head. */
    private static void withStore(Path dir, Consumer<Store> test) {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 1800);
            try (Store store = Store.open(StoreTest.config(dir), StoreTest.seams(clock), log)) {
                test.accept(store);
            }
        }
    }

    /** Every container's series of {@code metric}, selected together, has the points it has selected alone. */
    private static void assertEachAsAlone(Store store, String metric, SelectHints hints, long resolutionMs, int points) {
        LabelMatcher name = LabelMatcher.eq("__name__", metric);
        SeriesSet all = store.select(List.of(name), hints);
        assertThat(all.resolutionMs()).isEqualTo(resolutionMs);
        assertThat(all.series()).hasSize(CONTAINERS);
        for (int c = 1; c <= CONTAINERS; c++) {
            String container = "c" + c;
            String what = hints.aggregate() + " " + container;
            List<double[]> alone = StoreTest.samples(store.select(List.of(name, LabelMatcher.eq("name", container)), hints),
                container);
            List<double[]> together = StoreTest.samples(all, container);
            assertThat(alone).as(what).hasSize(points);
            assertThat(together).as(what).hasSameSizeAs(alone);
            for (int i = 0; i < alone.size(); i++) {
                assertThat(together.get(i)).as(what + " point " + i).containsExactly(alone.get(i));
            }
        }
    }

    /** Seconds [0, to) of the containers, each with its own slope, so a series read into another's slot shows. */
    private static void write(RawLogWriter w, SetTimeProvider clock, int to) {
        for (int sec = 0; sec < to; sec++) {
            long t = T0 + 1000L * sec;
            clock.currentTimeMillis(t);
            for (int c = 1; c <= CONTAINERS; c++) {
                if (sec == 0) {
                    w.spec(StoreTest.spec(c, "c" + c));
                }
                w.containerSample(c, t).set(ContainerField.CPU_USAGE_NS, (long) sec * c * 1_000_000L)
                    .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1000L * c + sec % (c + 7));
                w.commitContainerSample();
            }
        }
    }
}
