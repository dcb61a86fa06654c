package dev.hindsight.storage.series;

import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Object2IntHashMap;

/**
 * Resolves label sets to int series ids (0, 1, 2, ...) once, and keeps postings
 * (label name = value -&gt; sorted ids) for matcher evaluation. Ids are stable for the life
 * of the data directory: a registry opened with a {@link SeriesRegistryFile} appends every
 * new series to it before returning its id, and reloads the same ids on start.
 *
 * <p>A series whose data retention has deleted is {@linkplain #retire retired}: its labels
 * and postings are forgotten, and its id is never handed out again (a label set seen again
 * later gets a new id), so nothing that still names the old id can be mistaken for another
 * series.
 *
 * <p>Thread-safety: every method is synchronized. New series are rare (a container start),
 * and the ingest path caches ids per container, so the lock is uncontended in practice.
 */
public final class SeriesRegistry implements AutoCloseable {
    private static final int MISSING = -1;

    private final SeriesRegistryFile file;
    private final Object2IntHashMap<Labels> ids = new Object2IntHashMap<>(MISSING);
    /** By id; null for a retired id. */
    private final List<Labels> byId = new ArrayList<>();
    private int live;
    /** name -&gt; value -&gt; ids ascending (ids are handed out in increasing order, so appends keep order). */
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
        for (Labels l : file.loaded()) {
            if (l == null) {
                r.byId.add(null);
            } else {
                r.index(l);
            }
        }
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
        if (file != null && !file.append(byId.size(), labels)) {
            persistFailures++;
            return MISSING;
        }
        return index(labels);
    }

    /** New series that could not be persisted (each dropped its sample). */
    public synchronized long persistFailureCount() {
        return persistFailures;
    }

    private int index(Labels labels) {
        int id = byId.size();
        byId.add(labels);
        live++;
        ids.put(labels, id);
        for (int i = 0; i < labels.size(); i++) {
            postings.computeIfAbsent(labels.name(i), k -> new HashMap<>())
                .computeIfAbsent(labels.value(i), k -> new IntArrayList()).addInt(id);
        }
        return id;
    }

    /** The id of a known label set, or -1. */
    public synchronized int find(Labels labels) {
        return ids.getValue(labels);
    }

    /** The labels of a series, or null when it is retired (or the id was never handed out). */
    public synchronized Labels labels(int id) {
        return id >= 0 && id < byId.size() ? byId.get(id) : null;
    }

    /** The number of ids handed out (every id is below it), retired ones included. */
    public synchronized int size() {
        return byId.size();
    }

    /** The number of series not retired. */
    public synchronized int liveCount() {
        return live;
    }

    /**
     * Forgets the given series (ids unknown or already retired are ignored): their labels and
     * postings go, and the retirement is appended to the file before the ids are let go. An id
     * whose retirement cannot be written (e.g. a full disk) is kept. Returns the ids retired.
     */
    public synchronized int[] retire(int[] seriesIds) {
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
