package dev.hindsight.storage.store;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.rawblock.RawBlocks;
import dev.hindsight.storage.rawindex.RawIndex;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.rollup.RollupAccumulators;
import dev.hindsight.storage.rollup.RollupWriter;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Answers selections: matchers through the registry's postings, then the data from where it
 * lives. Raw: the head for the part it holds completely, the raw log for older data (binary
 * search by time, then each finished cycle through its index, reading only the records of the
 * containers selected, and the others by one pass; finished cycles with a raw block decode only the
 * selected series from it; {@link RawLogSelection}). Rollups: the selected series' rows
 * of the chosen resolution's block files, and buckets computed from the head after the last
 * of them (the queue is read for the cycles not compacted yet only when the head does not
 * reach back to them, e.g. a small head window). The series come in label order
 * ({@link LabelOrder}), but for a selection of every series (no matchers): in id order. Safe for concurrent callers: every call has its own readers.
 */
final class StoreReader {
    private final RetentionConfig retention;
    private final SeriesRegistry registry;
    private final Head head;
    private final RawLog rawLog;
    /** Null: every raw read scans. */
    private final RawIndex rawIndex;
    /** Null: finished cycles are read from the log. */
    private final RawBlocks rawBlocks;
    private final List<RollupWriter> rollups;
    private final Map<Integer, ContainerSpec> specs;
    private final java.util.function.Consumer<String> problems;
    /** Hands the selected series over sorted by labels, as the query engine wants them. */
    private final LabelOrder labelOrder;
    /** Reads the rollup rows of many series on several cores. */
    private final ParallelReads reads;

    StoreReader(RetentionConfig retention, SeriesRegistry registry, Head head, RawLog rawLog, RawIndex rawIndex,
                RawBlocks rawBlocks, List<RollupWriter> rollups, Map<Integer, ContainerSpec> specs,
                java.util.function.Consumer<String> problems, ParallelReads reads) {
        this.reads = reads;
        this.rawIndex = rawIndex;
        this.rawBlocks = rawBlocks;
        this.problems = problems;
        this.retention = retention;
        this.registry = registry;
        this.head = head;
        this.rawLog = rawLog;
        this.rollups = rollups;
        this.specs = specs;
        this.labelOrder = new LabelOrder(registry);
    }

    SeriesSet select(List<LabelMatcher> matchers, SelectHints hints) {
        int[] ids = registry.select(matchers);
        // every series (no matchers) in id order, as Store.forEachLatest reads them; else in label order
        boolean sorted = !matchers.isEmpty();
        long resolution = ResolutionChooser.choose(hints, retention, head.maxTime());
        RollupWriter level = null;
        for (RollupWriter w : rollups) {
            if (w.queue().resolutionMs() == resolution) {
                level = w;
            }
        }
        if (level == null || ids.length == 0) {
            return new SeriesSet(raw(ids, sorted, hints.start(), hints.end()), 0, Aggregate.RAW, sorted);
        }
        Aggregate agg = hints.aggregate();
        return new SeriesSet(rollup(ids, sorted, level, hints.start(), hints.end(), agg), resolution, agg, sorted);
    }

    // ---- raw ----

    private List<Series> raw(int[] ids, boolean sorted, long start, long end) {
        long headFrom = head.minTime();
        Int2ObjectHashMap<SampleArrays> disk = new Int2ObjectHashMap<>();
        if (ids.length > 0 && start < headFrom) {
            readRawLog(ids, start, Math.min(end, headFrom - 1), disk);
        }
        long headStart = Math.max(start, headFrom);
        List<Series> out = new ArrayList<>(ids.length);
        for (int id : sorted ? labelOrder.sort(ids) : ids) {
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

    /** The wanted series' samples in [from, to] from the raw log ({@link RawLogSelection}). */
    private void readRawLog(int[] ids, long from, long to, Int2ObjectHashMap<SampleArrays> out) {
        new RawLogSelection(rawLog, rawIndex, rawBlocks, registry, specs.values(), ids, from, to, out, problems).read();
    }

    // ---- rollups ----

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private List<Series> rollup(int[] ids, boolean sorted, RollupWriter level, long start, long end, Aggregate agg) {
        long res = level.queue().resolutionMs();
        long firstStart = Math.floorDiv(start - 1, res) * res; // the bucket whose end stamp is >= start
        int expected = (int) Math.min(1 << 20, (end - firstStart) / res + 2);
        SampleArrays[] samples = new SampleArrays[ids.length];
        long headFrom = head.minTime();
        // ranges of ascending ids, so each range still finds its series in one pass per block
        reads.forRanges(ids.length, (from, to) -> {
            BucketRun[] runs = new BucketRun[to - from];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = new BucketRun(agg, expected, end, res);
            }
            level.blocks().readRows(firstStart, end, Arrays.copyOfRange(ids, from, to), headFrom, runs);
            for (int i = 0; i < runs.length; i++) {
                BucketRun buckets = runs[i];
                buckets.sort();
                // A closed bucket reaching past the query's end holds samples after it: leave it out;
                // the head's partial tail up to the end takes its place when the head still has it.
                buckets.dropReachingPast();
                addHeadTail(ids[from + i], buckets, res, end);
                samples[from + i] = buckets.toSamples(start, end, res);
            }
        });
        List<Series> out = new ArrayList<>(ids.length);
        for (int i : sorted ? labelOrder.positions(ids) : identity(ids.length)) {
            int id = ids[i];
            SampleArrays a = samples[i];
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
