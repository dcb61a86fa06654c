package dev.hindsight.query.engine.function;

import java.util.Arrays;

/** Statistics over {@code vs[from..to)} shared by the *_over_time functions and aggregations. */
public final class Stats {
    private Stats() {
    }

    /** Mean with Prometheus's overflow handling (Kahan sum, incremental mean once the sum overflows). */
    public static double mean(double[] vs, int from, int to) {
        double sum = 0;
        double mean = 0;
        double count = 0;
        double[] c = new double[1];
        boolean incremental = false;
        for (int i = from; i < to; i++) {
            double f = vs[i];
            count++;
            if (!incremental) {
                double[] nc = {c[0]};
                double ns = KahanSum.inc(f, sum, nc);
                if (count == 1 || !Double.isInfinite(ns)) {
                    sum = ns;
                    c[0] = nc[0];
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c[0] /= count - 1;
            }
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(f) && (mean > 0) == (f > 0)) {
                    continue;
                }
                if (!Double.isInfinite(f) && !Double.isNaN(f)) {
                    continue;
                }
            }
            double q = (count - 1) / count;
            double[] qc = {q * c[0]};
            mean = KahanSum.inc(f / count, q * mean, qc);
            c[0] = qc[0];
        }
        if (incremental) {
            return mean + c[0];
        }
        return sum / count + c[0] / count;
    }

    /** Population variance (Welford with compensation). */
    public static double variance(double[] vs, int from, int to) {
        double count = 0;
        double mean = 0;
        double[] cMean = new double[1];
        double aux = 0;
        double[] cAux = new double[1];
        for (int i = from; i < to; i++) {
            double f = vs[i];
            count++;
            double delta = f - (mean + cMean[0]);
            mean = KahanSum.inc(delta / count, mean, cMean);
            aux = KahanSum.inc(delta * (f - (mean + cMean[0])), aux, cAux);
        }
        return (aux + cAux[0]) / count;
    }

    public static double min(double[] vs, int from, int to) {
        double m = vs[from];
        for (int i = from + 1; i < to; i++) {
            if (vs[i] < m || Double.isNaN(m)) {
                m = vs[i];
            }
        }
        return m;
    }

    public static double max(double[] vs, int from, int to) {
        double m = vs[from];
        for (int i = from + 1; i < to; i++) {
            if (vs[i] > m || Double.isNaN(m)) {
                m = vs[i];
            }
        }
        return m;
    }

    /**
     * Prometheus's quantile: NaN for NaN q or no values, -Inf below 0, +Inf above 1, else the
     * weighted average of the two closest ranks, with NaN values sorting first.
     */
    public static double quantile(double q, double[] values, int from, int to) {
        int n = to - from;
        if (n == 0 || Double.isNaN(q) || q < 0 || q > 1) { // answered without looking at the values
            return quantileOfSorted(q, values, 0, n);
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int nan = 0;
        for (int i = n - 1; i >= 0 && Double.isNaN(sorted[i]); i--) {
            nan++;
        }
        return quantileOfSorted(q, sorted, nan, n - nan);
    }

    /**
     * Prometheus's quantile of a window given already sorted: {@code nan} NaN values (which sort
     * first) followed by {@code sorted[0..count)} in ascending {@link Double#compare} order.
     * The rank is {@code q * (n - 1)}, linearly interpolated between its two neighbours.
     */
    static double quantileOfSorted(double q, double[] sorted, int nan, int count) {
        int n = nan + count;
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return atRank(sorted, nan, (int) lower) * (1 - weight) + atRank(sorted, nan, (int) upper) * weight;
    }

    private static double atRank(double[] sorted, int nan, int rank) {
        return rank < nan ? Double.NaN : sorted[rank - nan];
    }

    /** A sorted copy with NaNs first (Go's sort order for Prometheus's value heaps). */
    public static double[] sortNaNFirst(double[] values, int from, int to) {
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int nan = 0;
        for (int i = sorted.length - 1; i >= 0 && Double.isNaN(sorted[i]); i--) {
            nan++;
        }
        if (nan > 0) {
            System.arraycopy(sorted, 0, sorted, nan, sorted.length - nan);
            Arrays.fill(sorted, 0, nan, Double.NaN);
        }
        return sorted;
    }

    /** Median absolute deviation. */
    public static double mad(double[] vs, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Double.isNaN(vs[i])) {
                return Double.NaN;
            }
        }
        double median = quantile(0.5, vs, from, to);
        double[] dev = new double[to - from];
        for (int i = from; i < to; i++) {
            dev[i - from] = Math.abs(vs[i] - median);
        }
        return quantile(0.5, dev, 0, dev.length);
    }
}
