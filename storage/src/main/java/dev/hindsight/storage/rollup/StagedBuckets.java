package dev.hindsight.storage.rollup;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Closed buckets held back while a batch is added series by series, then appended to the
 * queue in start order (stable: buckets with the same start keep the order they closed in).
 * Ingest thread only.
 */
final class StagedBuckets {
    /** Sequence bits of a packed sort key; the rest is the start's distance from the earliest. */
    private static final int SEQ_BITS = 21;

    private int[] series = new int[64];
    private int[] counts = new int[64];
    private long[] starts = new long[64];
    /** sum, min, max, last, counter per bucket. */
    private double[] doubles = new double[64 * 5];
    private long[] keys = new long[0];
    private int size;

    void add(int seriesId, long startMs, int count, double sum, double min, double max, double last, double counter) {
        int n = size;
        if (n == series.length) {
            int grown = n * 2;
            series = Arrays.copyOf(series, grown);
            counts = Arrays.copyOf(counts, grown);
            starts = Arrays.copyOf(starts, grown);
            doubles = Arrays.copyOf(doubles, grown * 5);
        }
        series[n] = seriesId;
        counts[n] = count;
        starts[n] = startMs;
        int d = n * 5;
        doubles[d] = sum;
        doubles[d + 1] = min;
        doubles[d + 2] = max;
        doubles[d + 3] = last;
        doubles[d + 4] = counter;
        size = n + 1;
    }

    /**
     * Appends every staged bucket to {@code queue} in start order, a document per start, and
     * empties the stage.
     */
    void drainInStartOrder(RollupQueue queue) {
        int n = size;
        if (n == 0) {
            return;
        }
        int[] order = startOrder(n);
        long documentStart = Long.MIN_VALUE;
        for (int k = 0; k < n; k++) {
            int i = order == null ? k : order[k];
            if (starts[i] != documentStart) {
                // one document per bucket start, as record-by-record adds close them: a document
                // goes into the roll cycle of its first bucket, and a cycle's blocks and time
                // search expect its buckets to start within it
                queue.flush();
                documentStart = starts[i];
            }
            int d = i * 5;
            queue.append(series[i], starts[i], counts[i], doubles[d], doubles[d + 1], doubles[d + 2], doubles[d + 3],
                doubles[d + 4]);
        }
        size = 0;
    }

    /** Lets go of arrays grown for large batches (the stage is empty). */
    void release() {
        if (size == 0 && series.length > 1 << 12) {
            series = new int[64];
            counts = new int[64];
            starts = new long[64];
            doubles = new double[64 * 5];
        }
        if (keys.length > 0) {
            keys = new long[0];
        }
    }

    /** The staged buckets' positions in stable start order, or null when they are in it already. */
    private int[] startOrder(int n) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            long s = starts[i];
            sorted &= i == 0 || s >= starts[i - 1];
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        if (sorted) {
            return null;
        }
        int[] order = new int[n];
        long spread = max - min;
        if (n < 1 << SEQ_BITS && spread >= 0 && spread < 1L << (63 - SEQ_BITS)) {
            if (keys.length < n) {
                keys = new long[n];
            }
            for (int i = 0; i < n; i++) {
                keys[i] = (starts[i] - min) << SEQ_BITS | i;
            }
            Arrays.sort(keys, 0, n);
            for (int k = 0; k < n; k++) {
                order[k] = (int) (keys[k] & ((1L << SEQ_BITS) - 1));
            }
            return order;
        }
        Integer[] boxed = new Integer[n]; // starts too far apart to pack (a clock that jumped years)
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, Comparator.comparingLong(i -> starts[i])); // stable
        for (int k = 0; k < n; k++) {
            order[k] = boxed[k];
        }
        return order;
    }
}
