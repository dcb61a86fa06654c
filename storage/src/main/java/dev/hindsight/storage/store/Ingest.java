package dev.hindsight.storage.store;

import dev.hindsight.storage.events.EventStore;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.rollup.RollupWriter;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.agrona.collections.IntArrayList;

/**
 * The ingest path: each raw-log record becomes series values that go to the head and to
 * every rollup writer; specs update the labels (and the spec file), events go to the event
 * store. Runs on the ingest (follow) thread only.
 */
final class Ingest implements RawRecordHandler, SampleSink {
    private static final long TRIM_EVERY_MS = 60_000;
    /**
     * A record stamped this far after the wall clock cannot have been written by the collector
     * (which stamps with that clock): its bytes were damaged (the raw log has no checksums). One
     * such timestamp taken in would move the head and the rollups into the future and shut out
     * every real sample after it.
     */
    static final long MAX_AHEAD_OF_CLOCK_MS = 10 * 60_000L;

    private final SeriesMapper mapper;
    private final SpecFile specs;
    private final Map<Integer, ContainerSpec> latestSpecs;
    private final Head head;
    private final RollupWriter[] rollups;
    private final EventStore events;
    private final LongSupplier wallClock;
    private final LongFunction<Path> fileOf;
    private final Consumer<String> problems;

    // ---- ingest thread only ----
    private Path lastReportedFile;
    private long rawIndex;
    /** Whether the record being mapped goes into the head (its time is inside the head window). */
    private boolean toHead;
    /** Samples before this never go into the head (see {@link #headFrom}). */
    private long headFloorMs = Long.MIN_VALUE;
    /** Told the times of the samples kept out of the head by {@link #headFrom}. */
    private SeriesRetirement lastSeen;
    private long lastTrim = Long.MIN_VALUE;
    /** The values of the record being mapped ({@link #accept}), delivered at its end. */
    private int[] batchIds = new int[128];
    private long[] batchTimes = new long[128];
    private double[] batchValues = new double[128];
    private int batchSize;
    private volatile long records;
    private volatile long unreadable;
    private volatile String lastUnreadable;

    /**
     * @param wallClock the clock the collector stamps records with
     * @param fileOf    the raw cycle file holding a record index (for reports)
     * @param problems  where a damaged file is reported, once per file
     */
    Ingest(SeriesMapper mapper, SpecFile specs, Map<Integer, ContainerSpec> latestSpecs, Head head,
           List<RollupWriter> rollups, EventStore events, LongSupplier wallClock, LongFunction<Path> fileOf,
           Consumer<String> problems) {
        this.wallClock = wallClock;
        this.fileOf = fileOf;
        this.problems = problems;
        this.mapper = mapper;
        this.specs = specs;
        this.latestSpecs = latestSpecs;
        this.head = head;
        this.rollups = rollups.toArray(new RollupWriter[0]);
        this.events = events;
    }

    /**
     * Lets go of retired series (ingest thread): the mapper's caches, the rollup accumulators'
     * rows, and the containers whose series are all retired, with their specs. Returns how many
     * containers were forgotten.
     */
    int forgetSeries(IntPredicate retired) {
        for (RollupWriter w : rollups) {
            w.forget(retired);
        }
        IntArrayList gone = mapper.forgetSeries(retired);
        if (!gone.isEmpty()) {
            gone.forEachInt(latestSpecs::remove);
            if (!specs.rewrite(latestSpecs.values())) {
                problems.accept("cannot rewrite the spec file without " + gone.size()
                    + " forgotten containers; it keeps them until the next try");
            }
        }
        return gone.size();
    }

    /** Shrinks the head's and the rollups' per-id arrays to {@code ids} (every id above is free); ingest thread. */
    void shrinkTo(int ids) {
        head.shrinkTo(ids);
        for (RollupWriter w : rollups) {
            w.shrinkTo(ids);
        }
    }

    /** Restores a spec known from the spec file (on start, before replay). */
    void restoreSpec(ContainerSpec spec) {
        mapper.onSpec(spec);
        latestSpecs.put(spec.containerId(), spec);
    }

    /**
     * Takes one value of the record being mapped into the record's batch; {@link #endOfRecord}
     * hands the batch to the head and then to each rollup writer. A record's values go to
     * one consumer at a time, in order, rather than each value to every consumer in turn: the
     * per-series state each consumer touches (one row or object per series id, a record's ids
     * mostly consecutive) is then read in one pass over neighbouring memory per consumer,
     * instead of alternating between four far-apart structures for every value.
     */
    @Override
    public void accept(int seriesId, long timeMs, double value) {
        int n = batchSize;
        if (n == batchIds.length) {
            growBatch();
        }
        batchIds[n] = seriesId;
        batchTimes[n] = timeMs;
        batchValues[n] = value;
        batchSize = n + 1;
    }

    private void growBatch() {
        int n = batchIds.length * 2;
        batchIds = Arrays.copyOf(batchIds, n);
        batchTimes = Arrays.copyOf(batchTimes, n);
        batchValues = Arrays.copyOf(batchValues, n);
    }

    /** The record's values to the head (when inside its window) and to every rollup writer. */
    private void deliverBatch() {
        int n = batchSize;
        if (n == 0) {
            return;
        }
        int[] ids = batchIds;
        long[] times = batchTimes;
        double[] values = batchValues;
        if (toHead) {
            head.appendAll(ids, times, values, n);
        } else if (times[0] < headFloorMs) {
            for (int i = 0; i < n; i++) {
                lastSeen.seenOutsideHead(ids[i], times[0]);
            }
        }
        for (RollupWriter w : rollups) {
            w.addAll(ids, times, values, n, rawIndex);
        }
        batchSize = 0;
    }

    /**
     * Starts a sample record stamped {@code timeMs} (every value of one record has that time):
     * whether it goes into the head is decided once here, not per value. The head's newest
     * time can only rise to {@code timeMs} while the record is appended, which leaves the
     * answer unchanged.
     */
    private void beginRecord(long index, long timeMs) {
        rawIndex = index;
        batchSize = 0;
        long max = head.maxTime();
        toHead = timeMs >= headFloorMs && (max == Long.MIN_VALUE || timeMs >= max - head.windowMs());
    }

    /**
     * Keeps samples older than {@code ms} out of the head: a replay sets it to the head window
     * before the newest record in the log, so the records it replays only for the rollups are
     * not appended to the head and trimmed again (a third of a 24 h replay's time).
     * {@code lastSeen} learns their times instead, for retirement.
     */
    void headFrom(long ms, SeriesRetirement lastSeen) {
        this.headFloorMs = ms;
        this.lastSeen = lastSeen;
    }

    private void endOfRecord() {
        deliverBatch();
        records++;
        for (RollupWriter w : rollups) {
            w.endOfRecord();
        }
        long max = head.maxTime();
        if (max != Long.MIN_VALUE && (lastTrim == Long.MIN_VALUE || max - lastTrim >= TRIM_EVERY_MS)) {
            head.trim();
            lastTrim = max;
        }
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight sample) {
        if (fromTheFuture(index, sample.timestampMs())) {
            return;
        }
        beginRecord(index, sample.timestampMs());
        mapper.containerSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight sample) {
        if (fromTheFuture(index, sample.timestampMs())) {
            return;
        }
        beginRecord(index, sample.timestampMs());
        mapper.interfaceSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight sample) {
        if (fromTheFuture(index, sample.timestampMs())) {
            return;
        }
        beginRecord(index, sample.timestampMs());
        mapper.deviceSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        ContainerSpec known = mapper.spec(spec.containerId());
        if (known == null || !known.sameAs(spec)) {
            specs.append(spec);
        }
        mapper.onSpec(spec);
        latestSpecs.put(spec.containerId(), spec);
        records++;
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        if (fromTheFuture(index, event.timestampMs())) {
            return;
        }
        events.add(new StoredEvent(event.timestampMs(), event.containerId(), event.type(), event.value()), index);
        records++;
    }

    private boolean fromTheFuture(long index, long timestampMs) {
        long now = wallClock.getAsLong();
        if (timestampMs - now <= MAX_AHEAD_OF_CLOCK_MS) {
            return false;
        }
        onUnreadable(index, "stamped " + timestampMs + ", " + (timestampMs - now) / 1000
            + " s after the clock (damaged bytes?); skipped");
        return true;
    }

    @Override
    public void onUnreadable(long index, String reason) {
        unreadable++;
        lastUnreadable = "raw record " + index + ": " + reason;
        Path file = fileOf.apply(index);
        if (file != null && !file.equals(lastReportedFile)) {
            lastReportedFile = file;
            problems.accept(file + ": " + lastUnreadable + " (further unreadable records in this file are only counted)");
        }
    }

    long recordCount() {
        return records;
    }

    long unreadableCount() {
        return unreadable;
    }

    String lastUnreadable() {
        return lastUnreadable;
    }

    long unknownContainerCount() {
        return mapper.unknownContainerCount();
    }
}
