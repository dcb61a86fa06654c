package dev.hindsight.storage.series;

import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.Object2IntHashMap;

/**
 * Resolves label sets to int series ids (0, 1, 2, ...) once, and keeps postings
 * (label name = value -&gt; sorted ids) for matcher evaluation. Ids are stable for the life
 * of the data directory: a registry opened with a {@link SeriesRegistryFile} appends every
 * new series to it before returning its id, and reloads the same ids on start.
 *
 * <p>A series whose data retention has deleted is {@linkplain #retire retired}: its labels
 * and postings are forgotten. Its id is handed out again to a new label set, so that every
 * array indexed by series id (here, in the head, in the rollup accumulators) stays as long as
 * the most series held at once, not every series ever seen. No data names a retired id any
 * more (retention deleted it all), but a query that selected the series just before may still
 * hold it: a retired id waits in quarantine until {@link #releaseRetiredBefore} lets it go,
 * which the store does once the retirement is some minutes old.
 *
 * <p>Thread-safety: every method is synchronized. New series are rare (a container start),
 * and the ingest path caches ids per container, so the lock is uncontended in practice.
 */
public final class SeriesRegistry implements AutoCloseable {
    private static final int MISSING = -1;

    private final SeriesRegistryFile file;
    private final Object2IntHashMap<Labels> ids = new Object2IntHashMap<>(MISSING);
    /** By id; null for a retired id. */
    private final ArrayList<Labels> byId = new ArrayList<>();
    private int live;
    /** Retired ids not yet free, in retirement order, with the time each was retired. */
    private final IntArrayList quarantined = new IntArrayList();
    private final LongArrayList quarantinedAt = new LongArrayList();
    /** Retired ids out of quarantine, handed out (lowest first) before new ones; all below {@code byId.size()}. */
    private final java.util.BitSet free = new java.util.BitSet();
    private long reused;
    /** name -&gt; value -&gt; ids ascending. */
    private final Map<String, Map<String, IntArrayList>> postings = new HashMap<>();
    private long persistFailures;

    private SeriesRegistry(SeriesRegistryFile file) {
        this.file = file;
    }

    /** A registry that forgets everything on close (tests, tools). */
    public static SeriesRegistry inMemory() {
        return new SeriesRegistry(null);
    }

    /** A registry persisted in {@code file}: loads the series already there. */
    public static SeriesRegistry open(SeriesRegistryFile file) {
        SeriesRegistry r = new SeriesRegistry(file);
        List<Labels> loaded = file.loaded();
        for (int id = 0; id < loaded.size(); id++) {
            r.byId.add(null);
        }
        for (int id = 0; id < loaded.size(); id++) {
            if (loaded.get(id) != null) {
                r.index(id, loaded.get(id));
            } else {
                r.free.set(id); // no query can hold an id from before the store opened
            }
        }
        r.trimFreeTail();
        return r;
    }

    /**
     * The id of a label set, creating (and persisting) it when new; -1 when a new series
     * could not be persisted (e.g. a full disk): the caller drops the sample and asks again
     * next time, so ids on disk never get a hole.
     */
    public synchronized int getOrCreate(Labels labels) {
        int id = ids.getValue(labels);
        if (id != MISSING) {
            return id;
        }
        boolean reuse = !free.isEmpty();
        int next = reuse ? free.nextSetBit(0) : byId.size();
        if (file != null && !file.append(next, labels)) {
            persistFailures++;
            return MISSING;
        }
        if (reuse) {
            free.clear(next);
            reused++;
        } else {
            byId.add(null);
        }
        return index(next, labels);
    }

    /** New series that could not be persisted (each dropped its sample). */
    public synchronized long persistFailureCount() {
        return persistFailures;
    }

    private int index(int id, Labels labels) {
        byId.set(id, labels);
        live++;
        ids.put(labels, id);
        for (int i = 0; i < labels.size(); i++) {
            IntArrayList list = postings.computeIfAbsent(labels.name(i), k -> new HashMap<>())
                .computeIfAbsent(labels.value(i), k -> new IntArrayList());
            int n = list.size();
            if (n == 0 || list.getInt(n - 1) < id) {
                list.addInt(id); // a new id: the highest
            } else {
                list.addInt(insertionPoint(list, id), id); // a reused one
            }
        }
        return id;
    }

    private static int insertionPoint(IntArrayList sorted, int id) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.getInt(mid) < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The id of a known label set, or -1. */
    public synchronized int find(Labels labels) {
        return ids.getValue(labels);
    }

    /** The labels of a series, or null when it is retired (or the id was never handed out). */
    public synchronized Labels labels(int id) {
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }

    /**
     * Every id in use or in quarantine is below this: the length per-id arrays need. It falls
     * when the highest ids are retired and out of quarantine.
     */
    public synchronized int size() {
        return byId.size();
    }

    /** The number of series not retired. */
    public synchronized int liveCount() {
        return live;
    }

    /** How many times an id was handed out again since the registry was made (label sets of those ids changed). */
    public synchronized long reusedCount() {
        return reused;
    }

    /** Retires series now, with nothing to wait for before their ids are free (tests, tools); see {@link #retire(int[], long)}. */
    public synchronized int[] retire(int[] seriesIds) {
        return retire(seriesIds, Long.MIN_VALUE);
    }

    /**
     * Forgets the given series (ids unknown or already retired are ignored): their labels and
     * postings go, and the retirement is appended to the file before the ids are let go. An id
     * whose retirement cannot be written (e.g. a full disk) is kept. The ids retired (returned)
     * wait in quarantine, stamped {@code atMs}, until {@link #releaseRetiredBefore} frees them.
     */
    public synchronized int[] retire(int[] seriesIds, long atMs) {
        IntArrayList done = new IntArrayList();
        Map<String, Map<String, IntArrayList>> touched = new HashMap<>();
        for (int id : seriesIds) {
            Labels l = labels(id);
            if (l == null || file != null && !file.retire(id)) {
                continue;
            }
            byId.set(id, null);
            ids.removeKey(l);
            live--;
            done.addInt(id);
            quarantined.addInt(id);
            quarantinedAt.addLong(atMs);
            for (int i = 0; i < l.size(); i++) {
                touched.computeIfAbsent(l.name(i), k -> new HashMap<>()).put(l.value(i), null);
            }
        }
        // each touched postings list keeps its live ids (ascending, as before)
        touched.forEach((name, values) -> {
            Map<String, IntArrayList> all = postings.get(name);
            for (String value : values.keySet()) {
                IntArrayList list = all.get(value);
                IntArrayList kept = new IntArrayList(list.size(), IntArrayList.DEFAULT_NULL_VALUE);
                for (int i = 0; i < list.size(); i++) {
                    if (byId.get(list.getInt(i)) != null) {
                        kept.addInt(list.getInt(i));
                    }
                }
                if (kept.isEmpty()) {
                    all.remove(value);
                } else {
                    all.put(value, kept);
                }
            }
            if (all.isEmpty()) {
                postings.remove(name);
            }
        });
        return done.toIntArray();
    }

    /** Frees the ids retired before {@code beforeMs}, to be handed out again. Returns how many. */
    public synchronized int releaseRetiredBefore(long beforeMs) {
        int n = 0;
        while (n < quarantined.size() && quarantinedAt.getLong(n) < beforeMs) {
            n++;
        }
        for (int i = 0; i < n; i++) {
            free.set(quarantined.getInt(i));
        }
        if (n > 0) {
            IntArrayList ids = new IntArrayList();
            LongArrayList at = new LongArrayList();
            for (int i = n; i < quarantined.size(); i++) {
                ids.addInt(quarantined.getInt(i));
                at.addLong(quarantinedAt.getLong(i));
            }
            quarantined.clear();
            quarantinedAt.clear();
            quarantined.addAll(ids);
            quarantinedAt.addAll(at);
            trimFreeTail();
        }
        return n;
    }

    /**
     * Forgets free ids at the top, so that {@link #size()}, and with it every per-id array, can
     * shrink back after a peak of series (a burst of containers come and gone).
     */
    private void trimFreeTail() {
        int n = byId.size();
        while (n > 0 && free.get(n - 1)) {
            n--;
        }
        if (n < byId.size()) {
            free.clear(n, byId.size());
            byId.subList(n, byId.size()).clear();
            byId.trimToSize();
            ids.compact();
        }
    }

    /**
     * Ids (ascending) of the series matching every matcher, with Prometheus semantics: a
     * missing label is the empty string. With no matchers, every series.
     */
    public synchronized int[] select(List<LabelMatcher> matchers) {
        int[] result = null;
        List<LabelMatcher> negative = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (m.matchesEmpty()) {
                negative.add(m);
                continue;
            }
            int[] matching = valuesMatching(m, true);
            result = result == null ? matching : Postings.intersect(result, matching);
            if (result.length == 0) {
                return result;
            }
        }
        if (result == null) {
            result = liveIds();
        }
        for (LabelMatcher m : negative) {
            // a matcher matching "" keeps series without the label and those whose value matches
            result = Postings.subtract(result, valuesMatching(m, false));
        }
        return result;
    }

    private int[] liveIds() {
        if (live == byId.size()) {
            return Postings.all(live);
        }
        int[] out = new int[live];
        int n = 0;
        for (int id = 0; id < byId.size(); id++) {
            if (byId.get(id) != null) {
                out[n++] = id;
            }
        }
        return out;
    }

    /** Union of postings of values of m's label for which m.matches(value) == wanted. */
    private int[] valuesMatching(LabelMatcher m, boolean wanted) {
        Map<String, IntArrayList> values = postings.get(m.name());
        if (values == null) {
            return Postings.EMPTY;
        }
        if (m.op() == LabelMatcher.Op.EQ && wanted) {
            IntArrayList ids = values.get(m.value());
            return ids == null ? Postings.EMPTY : ids.toIntArray();
        }
        int[] out = Postings.EMPTY;
        for (Map.Entry<String, IntArrayList> e : values.entrySet()) {
            if (m.matches(e.getKey()) == wanted) {
                out = Postings.union(out, e.getValue().toIntArray());
            }
        }
        return out;
    }

    /** Sorted label names used by the given series. */
    public synchronized List<String> labelNames(int[] seriesIds) {
        TreeSet<String> names = new TreeSet<>();
        for (int id : seriesIds) {
            Labels l = labels(id);
            for (int i = 0; l != null && i < l.size(); i++) {
                names.add(l.name(i));
            }
        }
        return new ArrayList<>(names);
    }

    /** Sorted values of one label among the given series. */
    public synchronized List<String> labelValues(String name, int[] seriesIds) {
        TreeSet<String> values = new TreeSet<>();
        for (int id : seriesIds) {
            Labels l = labels(id);
            String v = l == null ? "" : l.get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            file.close();
        }
    }
}
