package dev.hindsight.storage.store;

import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.Arrays;

/**
 * Every registered series' place in label order, so that a selection can hand its series
 * over sorted by labels (as the query engine wants them) with an integer sort of the
 * selected ids instead of a sort that compares label sets on every query. Series ids and
 * their labels never change and the registry only grows, so the order is kept per registry
 * size: when the registry has grown, the new series are sorted and merged into the old order
 * (the old ones are not compared again). Safe for concurrent callers: each rebuild publishes
 * a new immutable snapshot; two callers racing may both build one.
 */
final class LabelOrder {
    private final SeriesRegistry registry;
    private volatile Snapshot snapshot = new Snapshot(new Labels[0], new int[0], new int[0]);

    /**
     * @param labels by id
     * @param order  ids in label order
     * @param rank   by id, its place in {@code order}
     */
    private record Snapshot(Labels[] labels, int[] order, int[] rank) {
    }

    LabelOrder(SeriesRegistry registry) {
        this.registry = registry;
    }

    /** {@code ids} (registered series) reordered by their labels, in a new array. */
    int[] sort(int[] ids) {
        if (ids.length < 2) {
            return ids.clone();
        }
        int[] rank = current(ids).rank;
        long[] keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = (long) rank[ids[i]] << 32 | (ids[i] & 0xFFFFFFFFL);
        }
        Arrays.sort(keys);
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** The positions 0..n-1 of {@code ids}, in the label order of the ids at them. */
    int[] positions(int[] ids) {
        int[] out = new int[ids.length];
        if (ids.length < 2) {
            return out;
        }
        int[] rank = current(ids).rank;
        long[] keys = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keys[i] = (long) rank[ids[i]] << 32 | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** A snapshot that ranks every id in {@code ids}, rebuilt when the registry has grown past the last one. */
    private Snapshot current(int[] ids) {
        Snapshot s = snapshot;
        int max = -1;
        for (int id : ids) {
            max = Math.max(max, id);
        }
        if (max < s.labels.length) {
            return s;
        }
        s = extend(s, registry.size());
        snapshot = s;
        return s;
    }

    private Snapshot extend(Snapshot old, int size) {
        int have = old.labels.length;
        Labels[] labels = Arrays.copyOf(old.labels, size);
        Integer[] added = new Integer[size - have];
        for (int id = have; id < size; id++) {
            labels[id] = registry.labels(id);
            added[id - have] = id;
        }
        Arrays.sort(added, (a, b) -> compare(labels, a, b));
        int[] order = new int[size];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < have || j < added.length) {
            if (j == added.length || (i < have && compare(labels, old.order[i], added[j]) <= 0)) {
                order[k++] = old.order[i++];
            } else {
                order[k++] = added[j++];
            }
        }
        int[] rank = new int[size];
        for (int r = 0; r < size; r++) {
            rank[order[r]] = r;
        }
        return new Snapshot(labels, order, rank);
    }

    /**
     * Label order, ties (equal label sets, which the registry does not make) by id; ids
     * without labels (a registry that retired them: never selected again) last.
     */
    static int compare(Labels[] labels, int a, int b) {
        Labels x = labels[a];
        Labels y = labels[b];
        if (x == null || y == null) {
            return x == y ? Integer.compare(a, b) : x == null ? 1 : -1;
        }
        int c = x.compareTo(y);
        return c != 0 ? c : Integer.compare(a, b);
    }
}
