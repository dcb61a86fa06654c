package dev.hindsight.query.repl;

import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SeriesSource;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Queries evaluated in this process by an {@link Engine} over a {@link SeriesSource}: a store
 * opened on a data directory when no agent runs ({@link #open}), or any source (tests).
 */
public final class LocalBackend implements ReplBackend {
    private final SeriesSource source;
    private final Engine engine;
    private final String description;
    private final LongSupplier newest;
    private final AutoCloseable owned;

    /** Over {@code source}, which the caller keeps and closes. */
    public LocalBackend(SeriesSource source, EngineLimits limits, String description) {
        this(source, limits, description, () -> Long.MIN_VALUE, null);
    }

    private LocalBackend(SeriesSource source, EngineLimits limits, String description, LongSupplier newest,
                         AutoCloseable owned) {
        this.source = source;
        this.engine = new Engine(source, limits);
        this.description = description;
        this.newest = newest;
        this.owned = owned;
    }

    /**
     * Opens the store of {@code config.dataDir()} and reads its raw log to the end, without a
     * follow thread (no agent should be writing to it). Throws {@link BackendException} when
     * the directory holds no raw log.
     */
    public static LocalBackend open(HindsightConfig config, EngineLimits limits) {
        Path dir = config.dataDir();
        if (!Files.isDirectory(dir.resolve(RawLog.DIRECTORY))) {
            throw new BackendException("no Hindsight data in " + dir.toAbsolutePath().normalize());
        }
        StoreSeams d = StoreSeams.defaults();
        StoreSeams seams = new StoreSeams(d.chronicleTime(), d.rawRollCycle(), d.rollupRollCycle(), d.graceMs(),
            d.checkpointEveryMs(), false);
        Store store = Store.open(config, seams);
        return new LocalBackend(store, limits, "data directory " + dir.toAbsolutePath().normalize(),
            store::newestTimestamp, store);
    }

    @Override
    public QueryResult instant(String query, long timeMs) {
        return engine.instant(query, timeMs);
    }

    @Override
    public QueryResult range(String query, long startMs, long endMs, long stepMs) {
        return engine.range(query, startMs, endMs, stepMs);
    }

    @Override
    public List<String> metricNames() {
        return source.labelValues(Labels.METRIC_NAME, List.of(), 0, Long.MAX_VALUE);
    }

    @Override
    public List<String> labelNames(String metric) {
        return source.labelNames(matchers(metric), 0, Long.MAX_VALUE);
    }

    @Override
    public List<String> labelValues(String name, String metric) {
        return source.labelValues(name, matchers(metric), 0, Long.MAX_VALUE);
    }

    private static List<LabelMatcher> matchers(String metric) {
        return metric == null ? List.of() : List.of(LabelMatcher.eq(Labels.METRIC_NAME, metric));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long newestSampleMs() {
        return newest.getAsLong();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new BackendException("closing " + description + ": " + e.getMessage(), e);
            }
        }
    }
}
