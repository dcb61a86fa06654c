package dev.hindsight.query.engine.function;

import java.util.Arrays;

/**
 * Classic-histogram math over buckets given as parallel arrays of upper bounds and
 * cumulative counts (Prometheus's {@code BucketQuantile} and {@code BucketFraction}).
 */
public final class BucketMath {
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private BucketMath() {
    }

    /** Sorted, coalesced buckets: {bounds, counts}; null when the +Inf bucket is missing. */
    public static double[][] prepare(double[] bounds, double[] counts) {
        int n = bounds.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(bounds[a], bounds[b]));
        double[] ub = new double[n];
        double[] c = new double[n];
        int k = -1;
        for (int i = 0; i < n; i++) {
            double b = bounds[idx[i]];
            if (k >= 0 && ub[k] == b) {
                c[k] += counts[idx[i]];
            } else {
                k++;
                ub[k] = b;
                c[k] = counts[idx[i]];
            }
        }
        int m = k + 1;
        if (m == 0 || ub[m - 1] != Double.POSITIVE_INFINITY) {
            return null;
        }
        return new double[][] {Arrays.copyOf(ub, m), Arrays.copyOf(c, m)};
    }

    /** The q-quantile of classic buckets; NaN when undefined. */
    public static double quantile(double q, double[] bounds, double[] counts) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] p = prepare(bounds, counts);
        if (p == null) {
            return Double.NaN;
        }
        double[] ub = p[0];
        double[] c = p[1];
        ensureMonotonic(c);
        int n = ub.length;
        if (n < 2) {
            return Double.NaN;
        }
        double observations = c[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && !(c[b] >= rank)) {
            b++;
        }
        if (b == n - 1) {
            return ub[n - 2];
        }
        if (b == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double start = 0;
        double end = ub[b];
        double count = c[b];
        if (b > 0) {
            start = ub[b - 1];
            count -= c[b - 1];
            rank -= c[b - 1];
        }
        return start + (end - start) * (rank / count);
    }

    private static void ensureMonotonic(double[] c) {
        double prev = c[0];
        for (int i = 1; i < c.length; i++) {
            double curr = c[i];
            if (curr == prev) {
                continue;
            }
            if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE) || curr < prev) {
                c[i] = prev;
                continue;
            }
            prev = curr;
        }
    }

    static boolean almostEqual(double a, double b, double epsilon) {
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /** The fraction of observations between lower and upper; NaN when undefined. */
    public static double fraction(double lower, double upper, double[] bounds, double[] counts) {
        double[][] p = prepare(bounds, counts);
        if (p == null) {
            return Double.NaN;
        }
        double[] ub = p[0];
        double[] c = p[1];
        double count = c[c.length - 1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        for (int i = 0; i < ub.length; i++) {
            double lb = i > 0 ? ub[i - 1] : (ub[0] > 0 ? 0 : Double.NEGATIVE_INFINITY);
            double hb = ub[i];
            if (!lowerSet && lb >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lb >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lb < lower && hb > lower) {
                lowerRank = interpolate(rank, c[i], lb, hb, lower, true);
                lowerSet = true;
            }
            if (!upperSet && lb < upper && hb > upper) {
                upperRank = interpolate(rank, c[i], lb, hb, upper, false);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = c[i];
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    private static double interpolate(double rank, double bucketCount, double lb, double hb, double v, boolean lower) {
        if (Double.isInfinite(lb)) {
            return bucketCount;
        }
        if (Double.isInfinite(hb)) {
            return rank;
        }
        return rank + (bucketCount - rank) * (v - lb) / (hb - lb);
    }
}
