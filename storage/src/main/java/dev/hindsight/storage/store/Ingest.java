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
    private long recordTime;
    /** Whether the record being mapped goes into the head (its time is inside the head window). */
    private boolean toHead;
    /** The newest time of the head-bound records in the batch, which the head has not seen yet. */
    private long batchHeadMax = Long.MIN_VALUE;
    /** Samples before this never go into the head (see {@link #headFrom}). */
    private long headFloorMs = Long.MIN_VALUE;
    /** Told the times of the samples kept out of the head by {@link #headFrom}. */
    private SeriesRetirement lastSeen;
    private long lastTrim = Long.MIN_VALUE;
    /** The values of the records read since the last {@link #flush}. */
    private final IngestBatch batch = new IngestBatch();
    /** Records read (samples, specs, events) whose count waits for the batch's delivery. */
    private long pendingRecords;
    /** One record's values, as {@link #deliverRecord} hands them to the head and the rollups. */
    private int[] recordIds = new int[128];
    private long[] recordTimes = new long[128];
    private double[] recordValues = new double[128];
    private volatile long records;
    private volatile long batchesBySeries;
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
        flush();
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
        flush();
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

    /** Takes one value of the record being mapped into the batch; {@link #flush} delivers it. */
    @Override
    public void accept(int seriesId, long timeMs, double value) {
        batch.add(seriesId, value);
    }

    /**
     * Delivers the batch's values to the head and the rollups, and counts its records as
     * ingested: the store calls it after each poll of the raw log (and before any other work on
     * the ingest thread). A small batch (live ingest reads a few records per poll) goes record
     * by record; a large one (a replay's) series by series ({@link IngestBatch}).
     */
    void flush() {
        if (batch.records() > 0) {
            if (batch.size() < BY_SERIES_FROM) {
                deliverByRecord();
            } else {
                deliverBySeries();
            }
        }
        batch.clear();
        batchHeadMax = Long.MIN_VALUE;
        records += pendingRecords;
        pendingRecords = 0;
    }

    /** Lets go of the buffers a replay's large batches grew (the batch is empty). */
    void releaseBatchBuffers() {
        batch.clear();
        for (RollupWriter w : rollups) {
            w.releaseBatchBuffers();
        }
    }

    /** Batches with at least this many values are delivered series by series. */
    static final int BY_SERIES_FROM = 8192;
    /** A batch is delivered once it holds this many values, even in the middle of a poll. */
    static final int MAX_BATCH_VALUES = 1 << 19;

    private void deliverByRecord() {
        int[] ids = batch.ids();
        double[] values = batch.values();
        int[] ends = batch.recordEnds();
        for (int r = 0, from = 0; r < batch.records(); r++) {
            int n = ends[r] - from;
            if (n > recordIds.length) {
                int size = Math.max(n, recordIds.length * 2);
                recordIds = new int[size];
                recordTimes = new long[size];
                recordValues = new double[size];
            }
            long t = batch.recordTimes()[r];
            System.arraycopy(ids, from, recordIds, 0, n);
            System.arraycopy(values, from, recordValues, 0, n);
            Arrays.fill(recordTimes, 0, n, t);
            deliverRecord(batch.recordIndexes()[r], batch.recordToHead()[r], n);
            for (RollupWriter w : rollups) {
                w.endOfRecord();
            }
            trimHeadWhenDue();
            from = ends[r];
        }
    }

    /** One record's values to the head (when inside its window) and to every rollup writer. */
    private void deliverRecord(long index, boolean intoHead, int n) {
        int[] ids = recordIds;
        long[] times = recordTimes;
        double[] values = recordValues;
        if (intoHead) {
            head.appendAll(ids, times, values, n);
        } else if (times[0] < headFloorMs) {
            for (int i = 0; i < n; i++) {
                lastSeen.seenOutsideHead(ids[i], times[0]);
            }
        }
        for (RollupWriter w : rollups) {
            w.addAll(ids, times, values, n, index);
        }
    }

    /**
     * The batch series by series: each series' samples go to the head in one run and then to
     * each rollup writer in one run, so that a series' encoder and accumulator rows are read
     * from memory once per batch rather than once per sample.
     */
    private void deliverBySeries() {
        batchesBySeries++;
        batch.sortBySeries();
        int n = batch.size();
        int[] ids = batch.sortedIds();
        double[] values = batch.sortedValues();
        int[] recs = batch.sortedRecords();
        long[] times = batch.recordTimes();
        boolean[] intoHead = batch.recordToHead();
        for (int i = 0; i < n; i++) {
            int r = recs[i];
            if (intoHead[r]) {
                head.append(ids[i], times[r], values[i]);
            }
        }
        if (lastSeen != null) {
            notOutsideHead();
        }
        for (RollupWriter w : rollups) {
            w.addBySeries(ids, values, recs, n, times, batch.recordIndexes(), batch.records());
            w.endOfRecord();
        }
        trimHeadWhenDue();
    }

    /** Tells {@link #lastSeen} the series of the batch's records before the head floor. */
    private void notOutsideHead() {
        int[] ids = batch.ids();
        int[] ends = batch.recordEnds();
        for (int r = 0, i = 0; r < batch.records(); r++) {
            long t = batch.recordTimes()[r];
            int end = ends[r];
            if (batch.recordToHead()[r] || t >= headFloorMs) {
                i = end;
                continue;
            }
            for (; i < end; i++) {
                lastSeen.seenOutsideHead(ids[i], t);
            }
        }
    }

    private void trimHeadWhenDue() {
        long max = head.maxTime();
        if (trimDue(max)) {
            head.trim();
            lastTrim = max;
        }
    }

    /**
     * Starts a sample record stamped {@code timeMs} (every value of one record has that time):
     * whether it goes into the head is decided once here, not per value, against the newest
     * time the head will hold once the batch before this record is delivered.
     */
    private void beginRecord(long index, long timeMs) {
        rawIndex = index;
        recordTime = timeMs;
        long max = Math.max(head.maxTime(), batchHeadMax);
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

    /**
     * Ends the record being mapped. The batch is delivered when full, and after a record that
     * brings the head's newest time a trim period past the last trim: record by record, the
     * head is trimmed right after that record, and what a trim drops depends on when it runs,
     * so a batch ends there too and the head is trimmed at the same times either way.
     */
    private void endOfRecord() {
        int before = batch.records();
        batch.endRecord(rawIndex, recordTime, toHead);
        if (toHead && batch.records() > before && recordTime > batchHeadMax) {
            batchHeadMax = recordTime;
        }
        pendingRecords++;
        if (batch.size() >= MAX_BATCH_VALUES || trimDue(Math.max(head.maxTime(), batchHeadMax))) {
            flush();
        }
    }

    private boolean trimDue(long headMax) {
        return headMax != Long.MIN_VALUE && (lastTrim == Long.MIN_VALUE || headMax - lastTrim >= TRIM_EVERY_MS);
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
        pendingRecords++;
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        if (fromTheFuture(index, event.timestampMs())) {
            return;
        }
        events.add(new StoredEvent(event.timestampMs(), event.containerId(), event.type(), event.value()), index);
        pendingRecords++;
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

    /** Batches delivered series by series (replays), for tests. */
    long batchesBySeries() {
        return batchesBySeries;
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
