package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Store#forEachLatest}: the newest sample of each current series, as a raw selection finds it. */
@Timeout(120)
class StoreLatestTest {
    @Test
    void headPathAgreesWithASelection(@TempDir Path dir) {
        check(dir, 120, 30_000); // 2 min of data: the head reaches back past the window
    }

    @Test
    void youngStoreFallsBackToASelection(@TempDir Path dir) {
        check(dir, 10, 30_000); // 10 s of data: the window starts before the head's first sample
    }

    private static void check(Path dir, int seconds, long windowMs) {
        SetTimeProvider clock = new SetTimeProvider(StoreTest.T0);
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            StoreTest.write(log.writer(), clock, 0, seconds);
            try (Store store = Store.open(StoreTest.config(dir), StoreTest.seams(clock), log)) {
                long from = store.newestTimestamp() - windowMs;
                List<String> got = new ArrayList<>();
                int[] lastId = {-1};
                store.forEachLatest(from, (id, t, v) -> {
                    assertThat(id).isGreaterThan(lastId[0]);
                    lastId[0] = id;
                    got.add(store.seriesLabels(id) + " " + t + " " + v);
                });
                List<String> expected = new ArrayList<>();
                for (Series s : store.select(List.of(), SelectHints.raw(from, Long.MAX_VALUE)).series()) {
                    SampleCursor c = s.cursor();
                    String last = null;
                    while (c.next()) {
                        last = s.labels() + " " + c.timestamp() + " " + c.value();
                    }
                    if (last != null) {
                        expected.add(last);
                    }
                }
                assertThat(got).isNotEmpty().containsExactlyElementsOf(expected);
                assertThat(got).anyMatch(l -> l.contains("container_memory_working_set_bytes")
                    && l.endsWith((StoreTest.T0 + 1000L * (seconds - 1)) + " " + (1000.0 + seconds - 1)));
                assertThat(store.seriesLabels(-1)).isNull();
                assertThat(store.seriesLabels(store.seriesCount())).isNull();
            }
        }
    }
}
