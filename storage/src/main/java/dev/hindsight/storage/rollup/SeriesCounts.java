package dev.hindsight.storage.rollup;

import java.util.Arrays;
import org.agrona.collections.Int2IntHashMap;

/**
 * Compaction's per-series bookkeeping: how many buckets each series id has in a cycle, then
 * each id's position among the cycle's ids in ascending order. Series ids are dense (handed
 * out in registry order), so ids below {@link #DENSE_LIMIT} live in plain arrays and cost an
 * array access per bucket rather than a hash lookup; any other id (a damaged bucket's, say)
 * goes to a hash map, so no id can make the arrays huge.
 */
final class SeriesCounts {
    /** Ids from 0 up to this (exclusive) are counted in arrays: at most 16 MiB of them. */
    static final int DENSE_LIMIT = 1 << 22;

    private int[] dense = new int[1024];
    private Int2IntHashMap sparse;
    private int[] denseIndex;
    private Int2IntHashMap sparseIndex;

    /** Counts one bucket of series {@code id}. */
    void add(int id) {
        if (id >= 0 && id < DENSE_LIMIT) {
            if (id >= dense.length) {
                dense = Arrays.copyOf(dense, Math.min(DENSE_LIMIT, Math.max(id + 1, dense.length * 2)));
            }
            dense[id]++;
        } else {
            if (sparse == null) {
                sparse = new Int2IntHashMap(0);
            }
            sparse.merge(id, 1, Integer::sum);
        }
    }

    /** Buckets counted for {@code id}. */
    int count(int id) {
        if (id >= 0 && id < DENSE_LIMIT) {
            return id < dense.length ? dense[id] : 0;
        }
        return sparse == null ? 0 : sparse.get(id);
    }

    /** The ids counted, ascending; each gets its position for {@link #indexOf}. */
    int[] sortedIds() {
        int n = 0;
        for (int c : dense) {
            if (c > 0) {
                n++;
            }
        }
        int[] ids = new int[n + (sparse == null ? 0 : sparse.size())];
        int k = 0;
        for (int id = 0; id < dense.length; id++) {
            if (dense[id] > 0) {
                ids[k++] = id;
            }
        }
        if (sparse != null) {
            for (Int2IntHashMap.KeyIterator it = sparse.keySet().iterator(); it.hasNext(); ) {
                ids[k++] = it.nextValue();
            }
        }
        Arrays.sort(ids);
        denseIndex = new int[dense.length];
        Arrays.fill(denseIndex, -1);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id >= 0 && id < DENSE_LIMIT) {
                denseIndex[id] = i;
            } else {
                if (sparseIndex == null) {
                    sparseIndex = new Int2IntHashMap(-1);
                }
                sparseIndex.put(id, i);
            }
        }
        return ids;
    }

    /** The position of {@code id} in {@link #sortedIds()}, or -1 for an id not counted then. */
    int indexOf(int id) {
        if (id >= 0 && id < DENSE_LIMIT) {
            return id < denseIndex.length ? denseIndex[id] : -1;
        }
        return sparseIndex == null ? -1 : sparseIndex.get(id);
    }
}
