package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;

/**
 * One series of a series-at-a-time range evaluation: its value at every step of the query
 * grid, with a presence bit per step (a step where the series has no sample is absent, not
 * NaN: NaN is a value). {@code dropName} is {@link Elem#dropName()} for every step.
 * Single-threaded: written by the one evaluation that builds it.
 */
final class StepColumn {
    Labels labels;
    boolean dropName;
    final double[] values;
    /** Bit k of word k / 64: step k has a value. */
    final long[] present;
    private int count;

    StepColumn(Labels labels, boolean dropName, int steps) {
        this.labels = labels;
        this.dropName = dropName;
        this.values = new double[steps];
        this.present = new long[(steps + 63) >>> 6];
    }

    /**
     * Makes this column an empty one of another series, for a consumer that is done with it
     * (the values stay, but no step is present).
     */
    void reuse(Labels newLabels, boolean newDropName) {
        labels = newLabels;
        dropName = newDropName;
        if (count > 0) {
            java.util.Arrays.fill(present, 0);
        }
        count = 0;
    }

    /** Forgets which steps are present, for a consumer that cleared {@link #present} word by word itself. */
    void presentCleared() {
        count = 0;
    }

    /** Sets the value at step k (present from now on). */
    void set(int k, double v) {
        values[k] = v;
        long bit = 1L << k;
        if ((present[k >>> 6] & bit) == 0) {
            present[k >>> 6] |= bit;
            count++;
        }
    }

    boolean has(int k) {
        return (present[k >>> 6] & (1L << k)) != 0;
    }

    /** The first step at or after k with a value, or -1. */
    int next(int k) {
        int w = k >>> 6;
        if (w >= present.length) {
            return -1;
        }
        long bits = present[w] & (-1L << k);
        while (true) {
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
            if (++w == present.length) {
                return -1;
            }
            bits = present[w];
        }
    }

    /**
     * Writes the present steps' times ({@code start + k * step}) and values into {@code ts}
     * and {@code vs} from index 0, in step order; returns how many.
     */
    int copyPresent(long start, long step, long[] ts, double[] vs) {
        int i = 0;
        for (int w = 0; w < present.length; w++) {
            long bits = present[w];
            while (bits != 0) {
                int k = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                ts[i] = start + k * step;
                vs[i] = values[k];
                i++;
            }
        }
        return i;
    }

    /** Number of steps with a value. */
    int count() {
        return count;
    }

    /** The labels as the user will see them. */
    Labels finalLabels() {
        return dropName ? labels.without(Labels.METRIC_NAME) : labels;
    }
}
