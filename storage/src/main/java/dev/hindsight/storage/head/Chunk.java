package dev.hindsight.storage.head;

/**
 * A fixed-capacity run of one series' samples: timestamps and values in parallel arrays.
 *
 * <p>Threads: the ingest thread writes {@code t[i]} and {@code v[i]} and then publishes them
 * with the volatile write of {@link #count}; readers read {@code count} first and then only
 * slots below it, so they never see a half-written sample.
 */
final class Chunk {
    static final int CAPACITY = 128;

    final long[] t = new long[CAPACITY];
    final double[] v = new double[CAPACITY];
    /** Number of published samples; written by the ingest thread only. */
    volatile int count;

    boolean full() {
        return count == CAPACITY;
    }

    long firstTime() {
        return t[0];
    }

    /** Timestamp of the last published sample; only valid when count &gt; 0. */
    long lastTime(int published) {
        return t[published - 1];
    }

    /** Index of the first published sample with timestamp &gt;= time, or published when none. */
    int search(long time, int published) {
        int lo = 0;
        int hi = published;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
