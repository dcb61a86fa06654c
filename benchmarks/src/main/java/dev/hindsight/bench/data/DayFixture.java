package dev.hindsight.bench.data;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.store.Store;

/**
 * The query benchmarks' data: {@code containers} synthetic containers sampled every minute
 * for 24 hours (the 1-minute rollup, which serves 24-hour dashboards, is what they read),
 * replayed into a store with the default retention (2 h head, 10 s / 1 min / 1 h rollups).
 * Close it to close the store and delete the files.
 */
public final class DayFixture implements AutoCloseable {
    public static final long DAY_MS = 86_400_000L;
    /** Data ends here (exclusive); a minute boundary. */
    public static final long END_MS = 1_700_006_400_000L;
    public static final long START_MS = END_MS - DAY_MS;

    private final FleetStore fleet;
    private final Store store;

    private DayFixture(SyntheticFleet f) {
        this.fleet = FleetStore.write(f, RetentionConfig.defaults());
        this.store = fleet.openStore();
    }

    /** 24 h at 1 min. */
    public static DayFixture open(int containers) {
        return new DayFixture(new SyntheticFleet(containers, START_MS, END_MS, 60_000L, 11));
    }

    /** The last {@code minutes} minutes only, at 10 s (for /metrics, which reads the head). */
    public static DayFixture recent(int containers, int minutes) {
        return new DayFixture(new SyntheticFleet(containers, END_MS - minutes * 60_000L, END_MS, 10_000L, 11));
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
