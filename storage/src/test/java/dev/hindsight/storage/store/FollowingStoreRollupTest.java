package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.T0;
import static dev.hindsight.storage.store.StoreTest.WS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SelectHints;
import java.nio.file.Path;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A store that follows the raw log on its own threads (ingest and compaction) answers like one caught up by hand. */
@Timeout(120)
class FollowingStoreRollupTest {
    @Test
    void followingStoreWithItsCompactorAnswersLikeACaughtUpOne(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a");
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            StoreTest.write(log.writer(), clock, 0, 7200);
        }
        HindsightConfig config = HindsightConfig.defaults().withDataDir(dir);
        SelectHints hints = new SelectHints(T0 - 3_600_000, T0 + 7_200_000, 20_000, 0, Aggregate.MAX);
        List<double[]> expected;
        Path copy = tmp.resolve("b");
        StoreTest.copy(dir.resolve("raw"), copy.resolve("raw"));
        try (Store store = Store.open(HindsightConfig.defaults().withDataDir(copy),
            new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 60_000, false))) {
            expected = StoreTest.samples(store.select(WS, hints), "web");
        }
        try (Store store = Store.open(config,
            new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 60_000, true))) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (store.newestTimestamp() < T0 + 7_199_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(6_000); // a compaction pass
            List<double[]> got = StoreTest.samples(store.select(WS, hints), "web");
            assertThat(expected).hasSizeGreaterThan(300);
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).as("point " + i).containsExactly(expected.get(i));
            }
        }
    }
}
