package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.MIN;
import static dev.hindsight.storage.store.StoreTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay hands each poll's samples to the head and the rollups series by series; live
 * ingest, a few records per poll, record by record. Both must store the same: the same raw
 * samples, the same buckets at every level, down to the bit.
 */
@Timeout(180)
class SeriesBySeriesReplayTest {
    private static final int CONTAINERS = 40;
    private static final int SECONDS = 1500;

    @Test
    void aReplayStoresWhatLiveIngestStored(@TempDir Path tmp) throws Exception {
        Path live = tmp.resolve("live");
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        HindsightConfig config = StoreTest.config(live);
        Map<String, List<String>> followed;
        try (RawLog log = RawLog.open(live, RollCycles.TEN_MINUTELY, clock, false)) {
            RawLogWriter w = log.writer();
            writeSpecs(w);
            try (Store store = Store.open(config, StoreTest.seams(clock), log)) {
                for (int sec = 0; sec < 700; sec++) {
                    writeTick(w, clock, sec);
                    store.catchUp();
                }
                assertThat(store.batchesBySeries()).as("live ingest goes record by record").isZero();
            }
            for (int sec = 700; sec < 1000; sec++) { // written while the store is down: replayed on restart
                writeTick(w, clock, sec);
            }
            try (Store store = Store.open(config, StoreTest.seams(clock), log)) {
                assertThat(store.batchesBySeries()).as("the restart's replay").isPositive();
                for (int sec = 1000; sec < SECONDS; sec++) {
                    writeTick(w, clock, sec);
                    store.catchUp();
                }
                followed = StoreTest.snapshot(store, T0 + SECONDS * 1000L);
            }
        }
        Path fresh = tmp.resolve("fresh");
        StoreTest.copy(live.resolve("raw"), fresh.resolve("raw"));
        Map<String, List<String>> replayed;
        try (Store store = Store.open(StoreTest.config(fresh), StoreTest.seams(clock))) {
            assertThat(store.batchesBySeries()).isGreaterThan(3);
            replayed = StoreTest.snapshot(store, T0 + SECONDS * 1000L);
            assertThat(store.problems()).isEmpty();
        }
        assertThat(replayed.keySet()).hasSizeGreaterThan(4 * CONTAINERS).isEqualTo(followed.keySet());
        for (String k : followed.keySet()) {
            assertThat(replayed.get(k)).as(k).isNotEmpty().containsExactlyElementsOf(followed.get(k));
        }
    }

    private static void writeSpecs(RawLogWriter w) {
        for (int c = 1; c <= CONTAINERS; c++) {
            w.spec(StoreTest.spec(c, "c" + c));
        }
    }

    /**
     * One second of the fleet: CPU counters (container 3's resets at 500 s), memory gauges,
     * container 7 quiet after 400 s (its buckets close by the watermark alone), container 9
     * starting at 300 s, and container 5's record at 600 s stamped 20 s back (late everywhere).
     * (A container stamped further behind the others than the grace throughout is left to
     * {@code RollupAccumulatorsBySeriesTest}: reads recompute the buckets the head still holds
     * without the other series' watermark, so its reads depend on where the head starts.)
     */
    private static void writeTick(RawLogWriter w, SetTimeProvider clock, int sec) {
        long t = T0 + 1000L * sec;
        clock.currentTimeMillis(t);
        for (int c = 1; c <= CONTAINERS; c++) {
            if (c == 7 && sec > 400 || c == 9 && sec < 300) {
                continue;
            }
            long stamp = c == 5 && sec == 600 ? t - 20_000 : t;
            long cpuSeconds = c == 3 && sec >= 500 ? sec - 500 : sec;
            w.containerSample(c, stamp)
                .set(ContainerField.CPU_USAGE_NS, cpuSeconds * (100_000_000L + c * 7_919L) + (sec * 31L % 17))
                .set(ContainerField.CPU_USER_NS, cpuSeconds * 60_000_000L)
                .set(ContainerField.CPU_CFS_PERIODS, sec * 10L)
                .set(ContainerField.MEMORY_WORKING_SET_BYTES, 1_000_000L * c + (sec * 7919L % 4096))
                .set(ContainerField.MEMORY_USAGE_BYTES, 2_000_000L * c + sec)
                .set(ContainerField.PIDS_CURRENT, 3 + sec % 5);
            w.commitContainerSample();
        }
    }
}
