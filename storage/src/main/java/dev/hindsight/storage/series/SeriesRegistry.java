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
 * Resolves label sets to dense int series ids (0, 1, 2, ...) once, and keeps postings
 * (label name = value -&gt; sorted ids) for matcher evaluation. Ids are stable for the life
 * of the data directory: a registry opened with a {@link SeriesRegistryFile} appends every
 * new series to it before returning its id, and reloads the same ids on start.
 *
 * <p>Thread-safety: every method is synchronized. New series are rare (a container start),
 * and the ingest path caches ids per container, so the lock is uncontended in practice.
 */
public final class SeriesRegistry implements AutoCloseable {
    private static final int MISSING = -1;

    private final SeriesRegistryFile file;
    private final Object2IntHashMap<Labels> ids = new Object2IntHashMap<>(MISSING);
    private final List<Labels> byId = new ArrayList<>();
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
            r.index(l);
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

    public synchronized Labels labels(int id) {
        return byId.get(id);
    }

    public synchronized int size() {
        return byId.size();
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
            result = Postings.all(byId.size());
        }
        for (LabelMatcher m : negative) {
            // a matcher matching "" keeps series without the label and those whose value matches
            result = Postings.subtract(result, valuesMatching(m, false));
        }
        return result;
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
            Labels l = byId.get(id);
            for (int i = 0; i < l.size(); i++) {
                names.add(l.name(i));
            }
        }
        return new ArrayList<>(names);
    }

    /** Sorted values of one label among the given series. */
    public synchronized List<String> labelValues(String name, int[] seriesIds) {
        TreeSet<String> values = new TreeSet<>();
        for (int id : seriesIds) {
            String v = byId.get(id).get(name);
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
