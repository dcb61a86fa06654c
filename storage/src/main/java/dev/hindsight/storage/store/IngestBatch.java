package dev.hindsight.storage.store;

import java.util.Arrays;

/**
 * The series values of the raw records read in one poll, kept until the poll ends so that a
 * large batch (a replay) can be handed over series by series instead of record by record:
 * each series' samples of the whole batch then go to the head and the rollups in one run,
 * while that series' state is in cache, rather than one cache miss per consumer per value.
 *
 * <p>Values are kept in record order; {@link #sortBySeries} makes a stable copy ordered by
 * series id (a counting sort), so each series' samples stay in time order. A record's time,
 * raw-log index and whether it goes into the head are kept once per record.
 *
 * <p>Ingest thread only.
 */
final class IngestBatch {
    // ---- per value, in record order ----
    private int[] ids = new int[256];
    private double[] values = new double[256];
    private int size;

    // ---- per record with at least one value ----
    private long[] recordTimes = new long[16];
    private long[] recordIndexes = new long[16];
    private boolean[] recordToHead = new boolean[16];
    /** Where each record's values end in {@link #ids}. */
    private int[] recordEnds = new int[16];
    private int records;
    private int recordStart;

    // ---- sorted by series id (valid after sortBySeries) ----
    private int[] sortedIds = new int[0];
    private double[] sortedValues = new double[0];
    private int[] sortedRecords = new int[0];
    private int[] counts = new int[0];

    void add(int seriesId, double value) {
        int n = size;
        if (n == ids.length) {
            ids = Arrays.copyOf(ids, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        ids[n] = seriesId;
        values[n] = value;
        size = n + 1;
    }

    /** Ends the record whose values were just added; a record without values is not kept. */
    void endRecord(long rawIndex, long timeMs, boolean toHead) {
        if (size == recordStart) {
            return;
        }
        int r = records;
        if (r == recordEnds.length) {
            int n = r * 2;
            recordTimes = Arrays.copyOf(recordTimes, n);
            recordIndexes = Arrays.copyOf(recordIndexes, n);
            recordToHead = Arrays.copyOf(recordToHead, n);
            recordEnds = Arrays.copyOf(recordEnds, n);
        }
        recordTimes[r] = timeMs;
        recordIndexes[r] = rawIndex;
        recordToHead[r] = toHead;
        recordEnds[r] = size;
        records = r + 1;
        recordStart = size;
    }

    /**
     * Orders a copy of the values by series id, stable: a series' values keep their record
     * order. {@link #sortedIds}, {@link #sortedValues} and {@link #sortedRecords} hold it.
     */
    void sortBySeries() {
        int n = size;
        int top = 0;
        for (int i = 0; i < n; i++) {
            top = Math.max(top, ids[i]);
        }
        if (counts.length < top + 2) {
            counts = new int[top + 2];
        } else {
            Arrays.fill(counts, 0, top + 2, 0);
        }
        int[] c = counts;
        for (int i = 0; i < n; i++) {
            c[ids[i] + 1]++;
        }
        for (int s = 1; s <= top + 1; s++) {
            c[s] += c[s - 1];
        }
        if (sortedIds.length < n) {
            sortedIds = new int[ids.length];
            sortedValues = new double[ids.length];
            sortedRecords = new int[ids.length];
        }
        for (int r = 0, i = 0; r < records; r++) {
            for (int end = recordEnds[r]; i < end; i++) {
                int at = c[ids[i]]++;
                sortedIds[at] = ids[i];
                sortedValues[at] = values[i];
                sortedRecords[at] = r;
            }
        }
    }

    /**
     * Empties the batch. When a small batch (live ingest's) follows large ones (a replay's),
     * the arrays go back to their first size, so that a replay's buffers are not kept for good.
     */
    void clear() {
        if (size <= SMALL && ids.length > LARGE) {
            ids = new int[256];
            values = new double[256];
            recordTimes = new long[16];
            recordIndexes = new long[16];
            recordToHead = new boolean[16];
            recordEnds = new int[16];
            sortedIds = new int[0];
            sortedValues = new double[0];
            sortedRecords = new int[0];
        }
        size = 0;
        records = 0;
        recordStart = 0;
    }

    /** A batch of at most this many values is small; arrays above {@link #LARGE} values are let go then. */
    private static final int SMALL = 1 << 12;
    private static final int LARGE = 1 << 16;

    int size() {
        return size;
    }

    int records() {
        return records;
    }

    int[] ids() {
        return ids;
    }

    double[] values() {
        return values;
    }

    long[] recordTimes() {
        return recordTimes;
    }

    long[] recordIndexes() {
        return recordIndexes;
    }

    boolean[] recordToHead() {
        return recordToHead;
    }

    int[] recordEnds() {
        return recordEnds;
    }

    int[] sortedIds() {
        return sortedIds;
    }

    double[] sortedValues() {
        return sortedValues;
    }

    int[] sortedRecords() {
        return sortedRecords;
    }
}
