package dev.hindsight.storage.store;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.rollup.RollupAccumulators;
import dev.hindsight.storage.rollup.RollupWriter;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Answers selections: matchers through the registry's postings, then the data from where it
 * lives. Raw: the head for the part it holds completely, the raw log (binary search by time,
 * then one pass for all selected series) for older data. Rollups: the selected series' rows
 * of the chosen resolution's block files, and buckets computed from the head after the last
 * of them (the queue is read for the cycles not compacted yet only when the head does not
 * reach back to them, e.g. a small head window). Safe for concurrent callers: every call has its own readers.
 */
final class StoreReader {
    private final RetentionConfig retention;
    private final SeriesRegistry registry;
    private final Head head;
    private final RawLog rawLog;
    private final List<RollupWriter> rollups;
    private final Map<Integer, ContainerSpec> specs;
    private final java.util.function.Consumer<String> problems;

    StoreReader(RetentionConfig retention, SeriesRegistry registry, Head head, RawLog rawLog,
                List<RollupWriter> rollups, Map<Integer, ContainerSpec> specs, java.util.function.Consumer<String> problems) {
        this.problems = problems;
        this.retention = retention;
        this.registry = registry;
        this.head = head;
        this.rawLog = rawLog;
        this.rollups = rollups;
        this.specs = specs;
    }

    SeriesSet select(List<LabelMatcher> matchers, SelectHints hints) {
        int[] ids = registry.select(matchers);
        long resolution = ResolutionChooser.choose(hints, retention, head.maxTime());
        RollupWriter level = null;
        for (RollupWriter w : rollups) {
            if (w.queue().resolutionMs() == resolution) {
                level = w;
            }
        }
        if (level == null || ids.length == 0) {
            return SeriesSet.raw(raw(ids, hints.start(), hints.end()));
        }
        Aggregate agg = hints.aggregate();
        return new SeriesSet(rollup(ids, level, hints.start(), hints.end(), agg), resolution, agg);
    }

    // ---- raw ----

    private List<Series> raw(int[] ids, long start, long end) {
        long headFrom = head.minTime();
        Int2ObjectHashMap<SampleArrays> disk = new Int2ObjectHashMap<>();
        if (ids.length > 0 && start < headFrom) {
            readRawLog(ids, start, Math.min(end, headFrom - 1), disk);
        }
        long headStart = Math.max(start, headFrom);
        List<Series> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            SampleArrays a = disk.get(id);
            Labels labels = registry.labels(id);
            SampleArrays older = a == null ? new SampleArrays() : a;
            out.add(new Series() {
                @Override
                public Labels labels() {
                    return labels;
                }

                @Override
                public SampleCursor cursor() {
                    long from = Math.max(headStart, older.lastTime() + 1);
                    return new ArrayCursor(older, from <= end ? head.cursor(id, from, end) : null);
                }
            });
        }
        return out;
    }

    /** One pass over the raw log's records in [from, to] for the wanted series. */
    private void readRawLog(int[] ids, long from, long to, Int2ObjectHashMap<SampleArrays> out) {
        try (RawLogReader r = rawLog.reader()) {
            // a young store: nothing in the log before the head, so no mapper to build
            if (r.seekToTime(from) && r.foundTimestamp() <= to) {
                readRawLog(r, ids, from, to, out);
            }
        }
    }

    private void readRawLog(RawLogReader r, int[] ids, long from, long to, Int2ObjectHashMap<SampleArrays> out) {
        java.util.BitSet wanted = new java.util.BitSet();
        for (int id : ids) {
            wanted.set(id);
        }
        SeriesMapper mapper = new SeriesMapper(registry);
        specs.values().forEach(mapper::onSpec);
        boolean[] past = new boolean[1];
        SampleSink sink = (id, t, v) -> {
            if (wanted.get(id) && t >= from && t <= to) {
                SampleArrays a = out.computeIfAbsent(id, k -> new SampleArrays());
                if (t > a.lastTime()) { // out-of-order samples are dropped, as the head drops them
                    a.add(t, v);
                }
            }
        };
        RawRecordHandler handler = new RawRecordHandler() {
            @Override
            public void onContainerSample(long index, ContainerSampleFlyweight s) {
                if (!check(s.timestampMs())) {
                    mapper.containerSample(s, sink);
                }
            }

            @Override
            public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
                if (!check(s.timestampMs())) {
                    mapper.interfaceSample(s, sink);
                }
            }

            @Override
            public void onDeviceSample(long index, DeviceSampleFlyweight s) {
                if (!check(s.timestampMs())) {
                    mapper.deviceSample(s, sink);
                }
            }

            private boolean check(long t) {
                if (t > to) {
                    past[0] = true;
                }
                return past[0];
            }
        };
        while (!past[0]) {
            if (r.poll(handler, 256) == 0 && !DamagedCycles.skip(rawLog, r, problems)) {
                break; // the handler stops us once records pass the end
            }
        }
    }

    // ---- rollups ----

    private List<Series> rollup(int[] ids, RollupWriter level, long start, long end, Aggregate agg) {
        long res = level.queue().resolutionMs();
        long firstStart = Math.floorDiv(start - 1, res) * res; // the bucket whose end stamp is >= start
        int expected = (int) Math.min(1 << 20, (end - firstStart) / res + 2);
        Int2ObjectHashMap<BucketRun> found = new Int2ObjectHashMap<>();
        level.blocks().readRows(firstStart, end, ids, head.minTime(),
            id -> found.computeIfAbsent(id, k -> new BucketRun(agg, expected)));
        List<Series> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            BucketRun buckets = found.get(id);
            if (buckets == null) {
                buckets = new BucketRun(agg, 4);
            }
            buckets.sort();
            // A closed bucket reaching past the query's end holds samples after it: leave it out;
            // the head's partial tail up to the end takes its place when the head still has it.
            buckets.dropReachingPast(end, res);
            addHeadTail(id, buckets, res, end);
            SampleArrays a = buckets.toSamples(start, end, res);
            Labels labels = registry.labels(id);
            out.add(new Series() {
                @Override
                public Labels labels() {
                    return labels;
                }

                @Override
                public SampleCursor cursor() {
                    return new ArrayCursor(a, null);
                }
            });
        }
        return out;
    }

    /**
     * Buckets not yet closed on disk, computed from the head's raw samples after the last
     * closed bucket (the counter carry continues from that bucket's last value).
     */
    private void addHeadTail(int id, BucketRun buckets, long res, long end) {
        long from = buckets.isEmpty() ? Long.MIN_VALUE : buckets.lastStart() + res;
        if (from != Long.MIN_VALUE && from < head.minTime()) {
            // Closed buckets up to the head's start are on disk, so the series had none between
            // its last one and there (or they are still open): go on from the head's first whole bucket.
            long headMin = head.minTime();
            from = headMin == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(headMin + res - 1, res) * res;
            if (from > end) {
                return;
            }
        }
        SampleCursor c = head.cursor(id, from, end);
        RollupAccumulators acc = new RollupAccumulators(res, 0, b -> b.emitTo(buckets));
        if (!buckets.isEmpty()) {
            acc.restoreClosed(0, from, buckets.lastValue());
        }
        boolean any = false;
        while (c.next()) {
            acc.add(0, c.timestamp(), c.value(), -1);
            any = true;
        }
        if (any) {
            acc.flushAll();
        }
    }
}
