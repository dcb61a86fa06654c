package dev.hindsight.storage.store;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.events.EventStore;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.rawblock.RawBlocks;
import dev.hindsight.storage.rawindex.RawIndex;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.record.RecordHeader;
import dev.hindsight.storage.retention.RetentionJob;
import dev.hindsight.storage.retention.RetentionPlanner;
import dev.hindsight.storage.retention.SegmentInfo;
import dev.hindsight.storage.retention.SegmentScanner;
import dev.hindsight.storage.rollup.RollupQueue;
import dev.hindsight.storage.rollup.RollupWriter;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.SeriesSet;
import dev.hindsight.storage.select.SeriesSource;
import dev.hindsight.storage.series.MetricCatalog;
import dev.hindsight.storage.series.MetricInfo;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import dev.hindsight.storage.series.SeriesRegistryFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Hindsight's time-series store. {@link #open} loads the series registry, container specs,
 * rollup checkpoints and events from the data directory, replays the raw log from the
 * earliest point any of them needs (rollup resume points, the head window), and then
 * follows the raw log on its own thread (or, without one, on {@link #catchUp()} calls).
 * It answers selections from the head, the raw log and the rollups ({@link StoreReader}).
 *
 * <p>Layout of the data directory: {@code raw/} (the raw log), {@code series/series.idx},
 * {@code series/specs.log} and {@code series/last-seen.bin}, {@code rollup/<resolution>/} and
 * {@code rollup/<resolution>.checkpoint}, {@code events/}.
 *
 * <p>Threads: one ingest thread (the follow thread, or the caller of {@link #catchUp()})
 * writes; any number of query threads read, and a selection of many series from the rollups
 * reads them on every core ({@link ParallelReads}: a daemon thread per core but one).
 */
public final class Store implements SeriesSource, AutoCloseable {
    private final HindsightConfig config;
    private final StoreSeams seams;
    private final RawLog rawLog;
    private final boolean ownsRawLog;
    /** Index files of the finished raw cycles; null when the seams turn it off. Built on the compactor thread. */
    private final RawIndex rawIndex;
    /** Raw blocks of the finished raw cycles; null when the seams turn them off. Written on the compactor thread. */
    private final RawBlocks rawBlocks;
    private final SeriesRegistry registry;
    private final SpecFile specFile;
    private final Map<Integer, ContainerSpec> latestSpecs = new ConcurrentHashMap<>();
    private final Head head;
    private final List<RollupWriter> rollups = new ArrayList<>();
    private final EventStore events;
    private final Ingest ingest;
    /** Owned by the ingest thread; replaced when it stalls (see {@link #unstick()}). */
    private RawLogReader reader;
    private final StoreReader queries;
    /** The cores a selection of many series reads its rollup rows on. */
    private final ParallelReads reads = ParallelReads.forCores();
    private final List<String> problems = new ArrayList<>();
    private final Thread follower;
    private final SeriesRetirement retirement;
    /** Work that must run on the ingest thread (series retirement), run by {@link #follow()} between polls. */
    private final ConcurrentLinkedQueue<Runnable> ingestTasks = new ConcurrentLinkedQueue<>();
    private final Thread compactor;
    private volatile boolean closing;
    private volatile long stalls;

    private Store(HindsightConfig configured, StoreSeams seams, RawLog rawLog, boolean ownsRawLog) {
        // no rollup level that would repeat the raw samples (see RetentionConfig#forInterval)
        HindsightConfig config = configured.withRetention(configured.retention().forInterval(configured.intervalMs()));
        this.config = config;
        this.seams = seams;
        this.rawLog = rawLog;
        this.ownsRawLog = ownsRawLog;
        Path data = config.dataDir();
        SeriesRegistryFile registryFile = SeriesRegistryFile.open(data.resolve("series").resolve("series.idx"));
        problems.addAll(registryFile.problems());
        this.registry = SeriesRegistry.open(registryFile);
        this.specFile = new SpecFile(data.resolve("series").resolve("specs.log"));
        problems.addAll(specFile.problems());
        this.head = new Head(config.retention().headWindowMs(), data.resolve("head"), this::problem);
        TimeProvider chronicleTime = seams.chronicleTime();
        LongSupplier wallClock = chronicleTime == null ? System::currentTimeMillis : chronicleTime::currentTimeMillis;
        for (RollupLevel level : config.retention().rollups()) {
            Path dir = data.resolve("rollup").resolve(level.name());
            RollupQueue q = RollupQueue.open(dir, level.resolutionMs(), seams.graceMs(), seams.rollupRollCycle());
            rollups.add(new RollupWriter(q, seams.graceMs(), data.resolve("rollup").resolve(level.name() + ".checkpoint"),
                seams.checkpointEveryMs(), wallClock));
        }
        // a checkpoint taken before a retirement (or a registry cut short) can hold rows of ids
        // that are free now: they start clean when handed out again
        for (RollupWriter w : rollups) {
            w.forget(id -> registry.labels(id) == null);
            w.shrinkTo(registry.size());
        }
        this.events = EventStore.open(data.resolve("events"), seams.chronicleTime());
        this.ingest = new Ingest(new SeriesMapper(registry), specFile, latestSpecs, head, rollups, events,
            System::currentTimeMillis, i -> DamagedCycles.file(rawLog.queue(), rawLog.queue().rollCycle().toCycle(i)),
            this::problem);
        specFile.loaded().forEach(ingest::restoreSpec);
        this.retirement = new SeriesRetirement(data.resolve("series").resolve(LastSeenFile.FILE_NAME), registry, head,
            newestRawTimestamp(), config.retention().headWindowMs(), this::problem);
        this.reader = rawLog.reader();
        positionForReplay();
        this.rawIndex = seams.rawIndex() ? RawIndex.open(rawLog.queue()) : null;
        this.rawBlocks = seams.rawBlocks() ? RawBlocks.open(rawLog) : null;
        this.queries = new StoreReader(config.retention(), registry, head, rawLog, rawIndex, rawBlocks, rollups,
            latestSpecs, this::problem, reads);
        this.follower = seams.followThread() ? new Thread(this::follow, "hindsight-store-ingest") : null;
        this.compactor = seams.followThread() ? new Thread(this::compactLoop, "hindsight-rollup-compactor") : null;
    }

    /** Opens the store over a raw log the caller owns (and writes to). */
    public static Store open(HindsightConfig config, StoreSeams seams, RawLog rawLog) {
        Store s = new Store(config, seams, rawLog, false);
        s.start();
        return s;
    }

    /** Opens the store and its own raw log under the data directory. */
    public static Store open(HindsightConfig config, StoreSeams seams) {
        RawLog log = RawLog.open(config.dataDir(), seams.rawRollCycle(), seams.chronicleTime(), false);
        Store s = new Store(config, seams, log, true);
        s.start();
        return s;
    }

    private void start() {
        if (follower == null) {
            catchUp();
        } else {
            follower.setDaemon(true);
            follower.start();
            compactor.setDaemon(true);
            compactor.start();
        }
    }

    /**
     * Compacts finished rollup cycles into block files and indexes finished raw cycles every few
     * seconds, off the ingest thread.
     */
    private void compactLoop() {
        while (!closing) {
            try {
                compactRollups();
            } catch (RuntimeException | InternalError e) {
                problem("rollup compaction: " + e + "; retried in a few seconds");
            }
            try {
                indexRawCycles();
            } catch (RuntimeException | InternalError e) {
                problem("raw indexing: " + e + "; retried in a few seconds");
            }
            try {
                blockRawCycles();
            } catch (RuntimeException | InternalError e) {
                problem("raw blocks: " + e + "; retried in a few seconds");
            }
            LockSupport.parkNanos(COMPACT_EVERY_NANOS);
        }
    }

    private static final long COMPACT_EVERY_NANOS = 5_000_000_000L;

    /**
     * Rewrites every finished rollup roll cycle without a block file as one (series by
     * series); the follow thread's companion does it on its own, stores without one call it
     * (and {@link #catchUp()} does). Returns the number of block files written.
     */
    public int compactRollups() {
        int n = 0;
        for (RollupWriter w : rollups) {
            n += w.blocks().compactFinishedCycles();
        }
        return n;
    }

    /**
     * Writes an index file for every finished raw cycle without one; the compactor thread does
     * it on its own, stores without one call it (and {@link #catchUp()} does). Returns the
     * number of index files written.
     */
    public int indexRawCycles() {
        return rawIndex == null ? 0 : rawIndex.indexFinishedCycles();
    }

    /**
     * Writes a raw block for every finished raw cycle without one (or with a stale one), with
     * the container specs known now; the compactor thread does it on its own, stores without
     * one call it (and {@link #catchUp()} does). Returns the number of blocks written.
     */
    public int blockRawCycles() {
        return rawBlocks == null ? 0 : rawBlocks.blockFinishedCycles(registry, latestSpecs::values);
    }

    /** The raw blocks, or null when the seams turn them off (for tests and metrics). */
    public RawBlocks rawBlocks() {
        return rawBlocks;
    }

    /** Puts the reader at the earliest record a rollup writer or the head window needs. */
    private void positionForReplay() {
        long start = Long.MAX_VALUE;
        for (RollupWriter w : rollups) {
            long r = w.resumeRawIndex();
            start = Math.min(start, r < 0 ? -1 : r);
        }
        long newest = newestRawTimestamp();
        if (newest != Long.MIN_VALUE) {
            ingest.headFrom(newest - config.retention().headWindowMs(), retirement);
        }
        if (newest != Long.MIN_VALUE && start >= 0) {
            reader.seekToTime(newest - config.retention().headWindowMs());
            start = Math.min(start, reader.index());
        }
        if (start < 0 || start == Long.MAX_VALUE || !reader.moveToIndex(start)) {
            reader.toStart();
        }
    }

    private long newestRawTimestamp() {
        SingleChronicleQueue q = rawLog.queue();
        if (q.lastIndex() < 0) {
            return Long.MIN_VALUE;
        }
        try (ExcerptTailer t = q.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            try (DocumentContext dc = t.readingDocument()) {
                if (!dc.isPresent()) {
                    return Long.MIN_VALUE;
                }
                Bytes<?> b = dc.wire().bytes();
                return b.readRemaining() < RecordHeader.LENGTH ? Long.MIN_VALUE
                    : b.readLong(b.readPosition() + RecordHeader.TIMESTAMP_OFFSET);
            }
        }
    }

    private void follow() {
        reader.handOverToCurrentThread(); // positioned for replay on the opening thread
        long idleSince = System.nanoTime();
        while (!closing) {
            for (Runnable task; (task = ingestTasks.poll()) != null;) {
                task.run();
            }
            int n;
            try {
                n = poll();
            } catch (RuntimeException | InternalError e) { // InternalError: a fault on a mapped page (full disk)
                problem("ingest: " + e);
                n = 0;
                LockSupport.parkNanos(1_000_000_000L);
            }
            if (n > 0) {
                idleSince = System.nanoTime();
            } else {
                if (System.nanoTime() - idleSince > STALL_NANOS) {
                    if (!DamagedCycles.skip(rawLog, reader, this::problem)) {
                        unstick();
                    }
                    idleSince = System.nanoTime();
                }
                LockSupport.parkNanos(10_000_000L);
            }
        }
    }

    private static final long STALL_NANOS = 2_000_000_000L;
    /**
     * Records read per poll at most: a replay's polls are this long, and the ingest delivers
     * each poll's samples series by series ({@link Ingest#flush}); live polls find a few.
     */
    private static final int POLL_RECORDS = 16_384;

    /** Reads what the raw log has (up to {@link #POLL_RECORDS}) and delivers it; ingest thread. */
    private int poll() {
        int n = 0;
        try {
            n = reader.poll(ingest, POLL_RECORDS);
            return n;
        } finally {
            ingest.flush();
            if (n == 0) {
                ingest.releaseBatchBuffers(); // caught up: a replay's buffers are not needed now
            }
        }
    }

    /**
     * Safety net: when the log has records past the reader's position and nothing came for a
     * while, reopen the reader at its position (on this thread). The stall first seen in the
     * kill test was the tailer being used on another thread than the one that positioned it,
     * which {@link RawLogReader#handOverToCurrentThread()} now prevents.
     */
    private void unstick() {
        long at = reader.index();
        if (rawLog.lastIndex() <= at) {
            return;
        }
        RawLogReader fresh = rawLog.reader();
        if (!fresh.moveToIndex(at)) {
            fresh.close();
            return;
        }
        reader.close();
        reader = fresh;
        stalls++;
    }

    private void problem(String p) {
        synchronized (problems) {
            if (!problems.contains(p)) {
                problems.add(p);
            }
        }
    }

    /** Times the raw-log reader stalled and was reopened. */
    public long readerStalls() {
        return stalls;
    }

    /**
     * Reads every raw record not yet ingested, on the calling thread; only for stores opened
     * without a follow thread. Returns the number of records read.
     */
    public long catchUp() {
        if (follower != null && follower.isAlive()) {
            throw new IllegalStateException("the store follows the raw log on its own thread");
        }
        long total = 0;
        while (true) {
            int n;
            while ((n = poll()) > 0) {
                total += n;
            }
            if (!DamagedCycles.skip(rawLog, reader, this::problem)) {
                compactRollups();
                indexRawCycles();
                blockRawCycles();
                return total;
            }
        }
    }

    // ---- selection API ----

    @Override
    public SeriesSet select(List<LabelMatcher> matchers, SelectHints hints) {
        return queries.select(matchers, hints);
    }

    /** Receives the newest sample of one series ({@link #forEachLatest}). */
    @FunctionalInterface
    public interface LatestSampleSink {
        void accept(int seriesId, long timeMs, double value);
    }

    /**
     * The newest sample of every series that has one at or after {@code fromMs}, in ascending
     * series id order, for readers of current values ({@code /metrics}): read from the head
     * with one head cursor per series and no selection objects ({@link #seriesLabels} names a
     * series). When the head does not reach back to {@code fromMs} (a store younger than that,
     * or a head window shorter), the same answer comes from an ordinary raw selection instead.
     */
    public void forEachLatest(long fromMs, LatestSampleSink sink) {
        if (fromMs < head.minTime()) {
            for (dev.hindsight.storage.select.Series s : select(List.of(), SelectHints.raw(fromMs, Long.MAX_VALUE))
                .series()) { // no matchers: every live series, ids ascending
                emitLast(registry.find(s.labels()), s.cursor(), sink);
            }
            return;
        }
        int n = registry.size();
        for (int id = 0; id < n; id++) {
            emitLast(id, head.cursor(id, fromMs, Long.MAX_VALUE), sink); // a retired id has nothing in the head
        }
    }

    private static void emitLast(int id, dev.hindsight.storage.select.SampleCursor c, LatestSampleSink sink) {
        if (!c.next()) {
            return;
        }
        long t;
        double v;
        do {
            t = c.timestamp();
            v = c.value();
        } while (c.next());
        sink.accept(id, t, v);
    }

    /** The label set of a series id (one instance per id, never changed), or null for an unknown id. */
    public dev.hindsight.storage.select.Labels seriesLabels(int seriesId) {
        return seriesId >= 0 && seriesId < registry.size() ? registry.labels(seriesId) : null;
    }

    /**
     * Labels of the series matching the matchers that may have samples in [start, end]: a
     * series the head proves idle over the range (a container gone before {@code start}) is
     * left out, as Prometheus leaves out series without samples in the range.
     */
    public List<dev.hindsight.storage.select.Labels> seriesLabels(List<LabelMatcher> matchers, long start, long end) {
        int[] ids = active(matchers, start, end);
        List<dev.hindsight.storage.select.Labels> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(registry.labels(id));
        }
        return out;
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers, long start, long end) {
        return registry.labelNames(active(matchers, start, end));
    }

    @Override
    public List<String> labelValues(String name, List<LabelMatcher> matchers, long start, long end) {
        return registry.labelValues(name, active(matchers, start, end));
    }

    private int[] active(List<LabelMatcher> matchers, long start, long end) {
        int[] ids = registry.select(matchers);
        int n = 0;
        for (int id : ids) {
            if (head.mayHaveSamples(id, start, end)) {
                ids[n++] = id;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /** Type, unit and help of a metric name. */
    public Optional<MetricInfo> metadata(String metricName) {
        return MetricCatalog.metadata(metricName);
    }

    /** Events of the wanted containers and types (empty: all) in [fromMs, toMs]. */
    public List<StoredEvent> events(IntPredicate containers, Set<EventType> types, long fromMs, long toMs) {
        return events.query(containers, types, fromMs, toMs);
    }

    /** The latest spec of every container seen. */
    public Map<Integer, ContainerSpec> containers() {
        return Map.copyOf(latestSpecs);
    }

    // ---- retention ----

    /**
     * Deletes whole raw, rollup and event files past their retention, measured from the
     * newest sample stored. Safe to call from any thread while ingest goes on.
     */
    public RetentionJob.Result runRetention() {
        long newest = head.maxTime();
        if (newest == Long.MIN_VALUE) {
            return new RetentionJob.Result(List.of(), 0, List.of());
        }
        List<String> scanProblems = new ArrayList<>();
        List<SegmentInfo> segments = new ArrayList<>(SegmentScanner.scan(rawLog.directory(), 0,
            seams.rawRollCycle(), scanProblems));
        Map<Long, SingleChronicleQueue> queues = new HashMap<>();
        queues.put(0L, rawLog.queue());
        for (RollupWriter w : rollups) {
            long res = w.queue().resolutionMs();
            segments.addAll(SegmentScanner.scan(w.queue().queue().file().toPath(), res, w.queue().queue().rollCycle(),
                scanProblems));
            queues.put(res, w.queue().queue());
        }
        List<SegmentInfo> plan = new ArrayList<>(RetentionPlanner.plan(segments, config.retention(), newest));
        long eventsKeep = config.retention().rollups().stream().mapToLong(RollupLevel::keepMs)
            .max().orElse(config.retention().rawMs());
        List<SegmentInfo> eventFiles = SegmentScanner.scan(events.queue().file().toPath(), -1, EventStore.ROLL_CYCLE,
            scanProblems);
        eventFiles.sort(java.util.Comparator.comparingLong(SegmentInfo::startMs));
        for (int i = 0; i < eventFiles.size() - 1; i++) {
            if (eventFiles.get(i).endMs() <= newest - eventsKeep) {
                plan.add(eventFiles.get(i));
            }
        }
        queues.put(-1L, events.queue());
        events.trimBefore(newest - eventsKeep);
        RetentionJob.Result r = RetentionJob.run(plan, queues);
        rollups.forEach(w -> w.blocks().refresh());
        if (rawIndex != null) {
            rawIndex.refresh();
        }
        if (rawBlocks != null) {
            rawBlocks.refresh();
        }
        retireSeriesBefore(oldestKept(segments, plan, newest));
        List<String> failures = new ArrayList<>(scanProblems);
        failures.addAll(r.failures());
        return new RetentionJob.Result(r.deleted(), r.bytesFreed(), failures);
    }

    /**
     * The time before which no data is kept: the oldest start of a raw or rollup file that
     * retention keeps, and no later than the head's window or the coarsest rollup bucket's
     * width (twice, for a bucket still open) before the newest sample.
     */
    private long oldestKept(List<SegmentInfo> segments, List<SegmentInfo> deleted, long newest) {
        long coarsest = rollups.stream().mapToLong(w -> w.queue().resolutionMs()).max().orElse(0);
        long oldest = Math.min(newest - config.retention().headWindowMs(), newest - 2 * coarsest);
        Set<Path> gone = new HashSet<>();
        deleted.forEach(d -> gone.add(d.path()));
        for (SegmentInfo s : segments) {
            if (!gone.contains(s.path())) {
                oldest = Math.min(oldest, s.startMs());
            }
        }
        return oldest;
    }

    /**
     * Retires the series without a sample since {@code before} ({@link SeriesRetirement}), on
     * the ingest thread: waits for the follow thread to do it (up to 30 s; otherwise the next
     * retention run does), or does it here for a store without one.
     */
    private void retireSeriesBefore(long before) {
        Runnable task = () -> {
            retirement.retire(before, ingest::forgetSeries, false);
            ingest.shrinkTo(registry.size()); // after a peak of series, once their ids are free
        };
        if (follower == null) {
            task.run();
            return;
        }
        FutureTask<Void> done = new FutureTask<>(task, null);
        ingestTasks.add(done);
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            problem("series retirement: " + e + "; retried at the next retention run");
        }
    }

    /** Series retired (their data all deleted by retention) since the store opened. */
    public long retiredSeriesCount() {
        return retirement.retiredCount();
    }

    // ---- state for tests, metrics and the server ----

    /** Problems found on open (truncated or corrupt files, each naming its path) and since. */
    public List<String> problems() {
        List<String> out;
        synchronized (problems) {
            out = new ArrayList<>(problems);
        }
        for (RollupWriter w : rollups) {
            out.addAll(w.queue().problems());
            out.addAll(w.blocks().problems());
        }
        out.addAll(rawLog.problems());
        if (rawIndex != null) {
            out.addAll(rawIndex.problems());
        }
        if (rawBlocks != null) {
            out.addAll(rawBlocks.problems());
        }
        return out;
    }

    public long ingestedRecords() {
        return ingest.recordCount();
    }

    /** Polls of the raw log whose samples were delivered series by series (a replay's); for tests. */
    long batchesBySeries() {
        return ingest.batchesBySeries();
    }

    public long unreadableRecords() {
        return ingest.unreadableCount();
    }

    public long newestTimestamp() {
        return head.maxTime();
    }

    /** Raw samples the in-memory head holds. */
    public long headSamples() {
        return head.sampleCount();
    }

    /** Bytes of the head's sealed value streams kept in its scratch files instead of the heap. */
    public long headSpilledBytes() {
        return head.spilledBytes();
    }

    /** Series known and not retired. */
    public int seriesCount() {
        return registry.liveCount();
    }

    /** Every series id in use (or in quarantine) is below this (tests). */
    int seriesIdBound() {
        return registry.size();
    }

    /**
     * How many times a retired series' id was handed out again since the store opened: while it
     * is unchanged, an id names the same label set (for caches keyed by id).
     */
    public long reusedSeriesIds() {
        return registry.reusedCount();
    }

    /** Samples dropped because a rollup queue could not be written (e.g. a full disk). */
    public long droppedRollupBuckets() {
        return rollups.stream().mapToLong(w -> w.queue().droppedCount()).sum();
    }

    @Override
    public void close() {
        if (closing) {
            return; // closed already
        }
        closing = true;
        if (compactor != null) {
            LockSupport.unpark(compactor);
            try {
                compactor.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (follower != null) {
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.close();
        reads.close();
        head.close();
        retirement.save();
        for (RollupWriter w : rollups) {
            w.close();
        }
        events.close();
        specFile.close();
        registry.close();
        if (ownsRawLog) {
            rawLog.close();
        }
    }
}
