package dev.hindsight.storage.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link SeriesSource} holding raw samples per label set, sorted by time. Used
 * by the PromQL conformance tests and unit tests; it always answers with raw data
 * ({@link Aggregate#RAW}, resolution 0) whatever the hints ask for.
 *
 * <p>Supports Prometheus stale markers: a sample whose value has the bit pattern
 * {@link #STALE_NAN_BITS} marks the series as gone from that time on.
 *
 * <p>Thread-safety: writers ({@link #add}, {@link #clear}) synchronize per series; readers
 * see a snapshot of each series taken when they select it.
 */
public final class InMemorySeriesSource implements SeriesSource {
    /** Prometheus's StaleNaN bit pattern: a signalling NaN that marks the end of a series. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    /** The stale marker as a double. Compare with {@link #isStaleNaN}, never with ==. */
    public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

    private final Map<Labels, Data> series = new ConcurrentHashMap<>();

    /** Whether a value is the stale marker (not just any NaN). */
    public static boolean isStaleNaN(double v) {
        return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
    }

    /** Adds (or replaces, at an equal timestamp) one sample. */
    public void add(Labels labels, long t, double v) {
        series.computeIfAbsent(labels, l -> new Data()).add(t, v);
    }

    /** Adds a stale marker at {@code t}. */
    public void addStale(Labels labels, long t) {
        add(labels, t, STALE_NAN);
    }

    /** Removes all series. */
    public void clear() {
        series.clear();
    }

    /** Number of stored series. */
    public int seriesCount() {
        return series.size();
    }

    @Override
    public SeriesSet select(List<LabelMatcher> matchers, SelectHints hints) {
        List<Series> out = new ArrayList<>();
        for (Map.Entry<Labels, Data> e : series.entrySet()) {
            if (!matchesAll(e.getKey(), matchers)) {
                continue;
            }
            Snapshot snap = e.getValue().snapshot(hints.start(), hints.end());
            if (snap.to > snap.from) {
                out.add(new MemSeries(e.getKey(), snap));
            }
        }
        return SeriesSet.raw(out);
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers, long start, long end) {
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<Labels, Data> e : series.entrySet()) {
            if (matchesAll(e.getKey(), matchers) && e.getValue().hasSamplesIn(start, end)) {
                for (int i = 0; i < e.getKey().size(); i++) {
                    names.add(e.getKey().name(i));
                }
            }
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<String> labelValues(String name, List<LabelMatcher> matchers, long start, long end) {
        TreeSet<String> values = new TreeSet<>();
        for (Map.Entry<Labels, Data> e : series.entrySet()) {
            String v = e.getKey().get(name);
            if (!v.isEmpty() && matchesAll(e.getKey(), matchers) && e.getValue().hasSamplesIn(start, end)) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** One series' samples in time order; guarded by its own monitor. */
    private static final class Data {
        private long[] ts = new long[8];
        private double[] vs = new double[8];
        private int n;

        synchronized void add(long t, double v) {
            int i = lowerBound(ts, n, t);
            if (i < n && ts[i] == t) {
                vs[i] = v;
                return;
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            System.arraycopy(ts, i, ts, i + 1, n - i);
            System.arraycopy(vs, i, vs, i + 1, n - i);
            ts[i] = t;
            vs[i] = v;
            n++;
        }

        synchronized boolean hasSamplesIn(long start, long end) {
            int i = lowerBound(ts, n, start);
            return i < n && ts[i] <= end;
        }

        synchronized Snapshot snapshot(long start, long end) {
            int from = lowerBound(ts, n, start);
            int to = lowerBound(ts, n, end == Long.MAX_VALUE ? end : end + 1);
            if (end == Long.MAX_VALUE) {
                to = n;
            }
            to = Math.max(from, to);
            return new Snapshot(Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(vs, from, to), 0, to - from);
        }
    }

    /** A copy of the selected samples, so later writes never disturb a reader. */
    private record Snapshot(long[] ts, double[] vs, int from, int to) {
    }

    private static int lowerBound(long[] ts, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private record MemSeries(Labels labels, Snapshot snap) implements Series {
        @Override
        public SampleCursor cursor() {
            return new MemCursor(snap);
        }
    }

    /** Cursor over a snapshot range. */
    private static final class MemCursor implements SampleCursor {
        private final long[] ts;
        private final double[] vs;
        private final int to;
        private final int from;
        private int i;

        MemCursor(Snapshot s) {
            this.from = s.from();
            this.ts = s.ts();
            this.vs = s.vs();
            this.to = s.to();
            this.i = s.from() - 1;
        }

        @Override
        public boolean next() {
            if (i < to) {
                i++;
            }
            return i < to;
        }

        @Override
        public boolean hasCurrent() {
            return i >= from && i < to;
        }

        @Override
        public long timestamp() {
            return ts[i];
        }

        @Override
        public double value() {
            return vs[i];
        }
    }
}
