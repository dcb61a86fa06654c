package dev.hindsight.bench.data;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.store.Store;
import dev.hindsight.storage.store.StoreSeams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;

/**
 * A synthetic fleet's raw log on disk, and stores opened over it: the raw log is written
 * with a Chronicle clock that follows the data (so roll cycles hold the hours they should),
 * and stores are opened without a follow thread, so {@link Store#open} replays the log on the
 * calling thread. Close it to delete the directory.
 */
public final class FleetStore implements AutoCloseable {
    private static final String COMPLETE = "complete";

    private final Path dir;
    private final SetTimeProvider clock;
    private final RawLog rawLog;
    private final SyntheticFleet.Written written;
    private final RetentionConfig retention;
    private final boolean persistent;
    private int opened;

    private FleetStore(Path dir, SyntheticFleet fleet, RetentionConfig retention, boolean persistent, boolean exists) {
        this(dir, fleet, retention, persistent, exists, true);
    }

    private FleetStore(Path dir, SyntheticFleet fleet, RetentionConfig retention, boolean persistent, boolean exists,
            boolean writeNow) {
        this.dir = dir;
        this.retention = retention;
        this.persistent = persistent;
        this.clock = new SetTimeProvider(Instant.ofEpochMilli(exists ? fleet.endMs() : fleet.startMs()));
        this.rawLog = RawLog.open(dir.resolve("log"), RollCycles.FAST_HOURLY, clock, false);
        this.written = exists || !writeNow ? null : fleet.write(rawLog.writer(), clock::currentTimeMillis);
    }

    /**
     * A fleet kept under {@code dir} across JVMs (JMH forks): written, with one store
     * ({@link #openPersistentStore()}) replayed over it, by the first caller; later callers
     * reopen both, which replays only from the rollup checkpoints and the head window.
     * {@link #close()} keeps the files.
     */
    public static FleetStore persistent(Path dir, SyntheticFleet fleet, RetentionConfig retention) {
        try {
            boolean exists = Files.exists(dir.resolve(COMPLETE));
            if (!exists) {
                deleteTree(dir);
                Files.createDirectories(dir);
            }
            return new FleetStore(dir, fleet, retention, true, exists);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The persistent fleet's one store; call {@link #markComplete()} after closing it the first time. */
    public Store openPersistentStore() {
        HindsightConfig config = HindsightConfig.defaults().withDataDir(dir.resolve("store")).withRetention(retention);
        return Store.open(config, seams(clock), rawLog);
    }

    /** Marks a persistent fleet and its store as fully written, so later callers reuse them. */
    public void markComplete() {
        try {
            Files.writeString(dir.resolve(COMPLETE), "ok\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the fleet's raw log under a new temp directory. */
    public static FleetStore write(SyntheticFleet fleet, RetentionConfig retention) {
        try {
            return new FleetStore(Files.createTempDirectory("hindsight-fleet"), fleet, retention, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An empty raw log under a new temp directory, for a fleet written in parts
     * ({@link #writing}) while a store reads it, as the agent's log grows and its store follows.
     */
    public static FleetStore empty(SyntheticFleet fleet, RetentionConfig retention) {
        try {
            return new FleetStore(Files.createTempDirectory("hindsight-fleet"), fleet, retention, false, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code fleet}'s log in parts, the log's clock following the data. */
    public SyntheticFleet.Writing writing(SyntheticFleet fleet) {
        return fleet.writing(rawLog.writer(), clock::currentTimeMillis);
    }

    /** What was written; null for a persistent fleet that was reopened or one written in parts. */
    public SyntheticFleet.Written written() {
        return written;
    }

    public RawLog rawLog() {
        return rawLog;
    }

    /**
     * A new store (own series registry, head and rollups in a fresh directory) over the raw
     * log; returns after replaying all of it into head and rollups.
     */
    public Store openStore() {
        Path data = dir.resolve("store-" + (opened++));
        HindsightConfig config = HindsightConfig.defaults().withDataDir(data).withRetention(retention);
        return Store.open(config, seams(clock), rawLog);
    }

    /** Deletes a store directory made by {@link #openStore()} after the store is closed. */
    public void deleteStores() {
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("store-")).forEach(FleetStore::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seams for a benchmark store: the data's clock, hourly raw and daily rollup cycles, no follow thread. */
    public static StoreSeams seams(SetTimeProvider clock) {
        return new StoreSeams(clock, RollCycles.FAST_HOURLY, RollCycles.FAST_HOURLY, 5_000, 60_000, false);
    }

    @Override
    public void close() {
        rawLog.close();
        if (!persistent) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path d) {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
