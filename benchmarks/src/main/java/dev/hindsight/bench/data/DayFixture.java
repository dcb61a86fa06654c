package dev.hindsight.bench.data;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The query benchmarks' data: {@code containers} synthetic containers sampled every minute
 * for 24 hours, in a store with a 2 h head and the 1 min and 1 h rollups (the 1 min rollup
 * serves 24-hour dashboards at a 1 min step; the default 10 s level is left out because these
 * queries never read it and it would cost one bucket per sample to build). The 24 h fixture
 * is kept under {@code -Dhindsight.bench.cache} (default {@code benchmarks/target/bench-cache})
 * so that every JMH fork after the first reopens it instead of rebuilding it.
 * Close it to close the store (and delete the files of a {@link #recent} fixture).
 */
public final class DayFixture implements AutoCloseable {
    public static final long DAY_MS = 86_400_000L;
    /** Data ends here (exclusive); a minute boundary. */
    public static final long END_MS = 1_700_006_400_000L;
    public static final long START_MS = END_MS - DAY_MS;
    /** Raw 2 days, head 2 h, 1 min for 90 days, 1 h for 2 years. */
    public static final RetentionConfig RETENTION = new RetentionConfig(2 * DAY_MS, 2 * 3_600_000L, List.of(
        new RollupLevel(60_000L, 90 * DAY_MS), new RollupLevel(3_600_000L, 730 * DAY_MS)), OptionalLong.empty());

    private final FleetStore fleet;
    private final Store store;

    private DayFixture(FleetStore fleet, Store store) {
        this.fleet = fleet;
        this.store = store;
    }

    /** 24 h at 1 min, built once per container count and reused. */
    public static DayFixture open(int containers) {
        Path cache = Path.of(System.getProperty("hindsight.bench.cache", "benchmarks/target/bench-cache"));
        SyntheticFleet f = new SyntheticFleet(containers, START_MS, END_MS, 60_000L, 11);
        FleetStore fs = FleetStore.persistent(cache.resolve("day-" + containers), f, RETENTION);
        if (fs.written() != null) { // first build: replay everything once, then keep it
            fs.openPersistentStore().close();
            fs.markComplete();
        }
        return new DayFixture(fs, fs.openPersistentStore());
    }

    /** The last {@code minutes} minutes only, at 10 s (for /metrics, which reads the head); not kept. */
    public static DayFixture recent(int containers, int minutes) {
        FleetStore fs = FleetStore.write(new SyntheticFleet(containers, END_MS - minutes * 60_000L, END_MS, 10_000L, 11),
            RetentionConfig.defaults());
        return new DayFixture(fs, fs.openStore());
    }

    public Store store() {
        return store;
    }

    /** Time of the last sample. */
    public long lastSampleMs() {
        return store.newestTimestamp();
    }

    @Override
    public void close() {
        store.close();
        fleet.close();
    }
}
