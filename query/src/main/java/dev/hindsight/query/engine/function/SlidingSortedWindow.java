package dev.hindsight.query.engine.function;

import java.util.Arrays;

/**
 * The values of a window {@code vs[lo..hi)} kept sorted while the window slides forward, for
 * {@code quantile_over_time} and {@code mad_over_time} over a range query's steps, whose
 * consecutive windows share most of their values. Non-NaN values are kept in ascending
 * {@link Double#compare} order (that of {@link Arrays#sort(double[])}, so -0.0 before 0.0),
 * NaNs only counted. Sliding to {@code [lo', hi')} with {@code lo' >= lo} and {@code hi' >= hi}
 * sorts the few leaving and the few entering values and merges them with the kept ones in one
 * pass into a second buffer (the two are then swapped), copying the runs of kept values between
 * the places found by binary search: O(window + delta log window) with the window part a
 * memory copy, and no allocation once the buffers have grown. A window that does not overlap the previous one, or
 * lies before it, or is over another array, is rebuilt by copying and sorting.
 * The answers are bit for bit those of {@link Stats#quantile} and {@link Stats#mad} over the
 * same window. Not thread-safe; one instance serves one series at a time ({@link #reset}).
 */
public final class SlidingSortedWindow {
    private double[] sorted = new double[64];
    private double[] spare = new double[64];
    private double[] leaving = new double[16];
    private double[] entering = new double[16];
    private double[] deviations = new double[0];
    /** Non-NaN values in {@code sorted[0..count)}, and how many NaNs the window also holds. */
    private int count;
    private int nan;
    /** The window's array and bounds; {@code source == null} until the first {@link #slide}. */
    private double[] source;
    private int lo;
    private int hi;

    /** Forgets the window, e.g. before the next series (the buffers are kept). */
    public void reset() {
        source = null;
        lo = 0;
        hi = 0;
        count = 0;
        nan = 0;
    }

    /** Makes the window {@code vs[from..to)}; {@code vs} must not have changed in the kept part since the last call. */
    public void slide(double[] vs, int from, int to) {
        if (vs != source || from < lo || to < hi || from >= hi) {
            rebuild(vs, from, to);
            return;
        }
        if (from == lo && to == hi) {
            return;
        }
        int out = gather(vs, lo, from, false);
        int in = gather(vs, hi, to, true);
        merge(out, in);
        lo = from;
        hi = to;
    }

    /** Number of values (NaNs included) in the window. */
    public int size() {
        return count + nan;
    }

    /** Prometheus's quantile of the window, as {@link Stats#quantile}. */
    public double quantile(double q) {
        return Stats.quantileOfSorted(q, sorted, nan, count);
    }

    /** Median absolute deviation of the window, as {@link Stats#mad}: NaN if it holds a NaN. */
    public double mad() {
        if (nan > 0 || count == 0) {
            return Double.NaN;
        }
        double median = Stats.quantileOfSorted(0.5, sorted, 0, count);
        int devNaN = sortedDeviations(median);
        return Stats.quantileOfSorted(0.5, deviations, devNaN, count - devNaN);
    }

    private void rebuild(double[] vs, int from, int to) {
        int n = Math.max(0, to - from);
        if (sorted.length < n) {
            sorted = new double[grow(n)];
            spare = new double[sorted.length];
        }
        System.arraycopy(vs, from, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int nans = 0;
        for (int i = n - 1; i >= 0 && Double.isNaN(sorted[i]); i--) {
            nans++;
        }
        nan = nans;
        count = n - nans;
        source = vs;
        lo = from;
        hi = to;
    }

    /** Copies the non-NaN values of {@code vs[from..to)} sorted into the leaving or entering buffer, counting NaNs out or in. */
    private int gather(double[] vs, int from, int to, boolean in) {
        double[] buf = in ? entering : leaving;
        if (buf.length < to - from) {
            buf = new double[grow(to - from)];
            if (in) {
                entering = buf;
            } else {
                leaving = buf;
            }
        }
        int k = 0;
        for (int i = from; i < to; i++) {
            double v = vs[i];
            if (Double.isNaN(v)) {
                nan += in ? 1 : -1;
            } else {
                buf[k++] = v;
            }
        }
        Arrays.sort(buf, 0, k);
        return k;
    }

    /**
     * One pass: the kept values less the {@code out} leaving ones, merged with the {@code in}
     * entering ones, into the spare buffer. The few places where a value leaves or enters are
     * found by binary search and the runs of kept values between them copied whole.
     */
    private void merge(int out, int in) {
        int n = count - out + in;
        if (spare.length < n) {
            spare = new double[grow(n)];
        }
        double[] dst = spare;
        double[] src = sorted;
        int i = 0;
        int j = 0;
        int k = 0;
        int w = 0;
        while (j < out || k < in) {
            int gone = j < out ? firstAtLeast(src, i, count, leaving[j], false) : count;
            int come = k < in ? firstAtLeast(src, i, count, entering[k], true) : count;
            int p = Math.min(gone, come);
            System.arraycopy(src, i, dst, w, p - i);
            w += p - i;
            i = p;
            if (k < in && come <= gone) {
                dst[w++] = entering[k++];
            } else if (gone < count && Double.compare(src[gone], leaving[j]) == 0) {
                i++;
                j++;
            } else {
                throw new IllegalStateException("leaving value not in the window: the array changed under it");
            }
        }
        System.arraycopy(src, i, dst, w, count - i);
        w += count - i;
        spare = src;
        sorted = dst;
        count = w;
        if (spare.length < sorted.length) {
            spare = new double[sorted.length];
        }
    }

    /** The first index in {@code a[from..to)} (sorted) whose value is at least {@code key} (above it if {@code strictly}), else {@code to}. */
    private static int firstAtLeast(double[] a, int from, int to, double key, boolean strictly) {
        int lo = from;
        int hi = to;
        int bound = strictly ? 0 : -1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], key) > bound) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Fills {@code deviations[0..count-nan)} with the sorted non-NaN {@code |v - median|} and returns
     * how many are NaN (only where the median is infinite). Below the median the deviations fall as
     * the values rise and above it they rise (subtraction rounds monotonically), so walking out from
     * the median merges two sorted runs.
     */
    private int sortedDeviations(double median) {
        if (deviations.length < count) {
            deviations = new double[sorted.length];
        }
        double[] vs = sorted;
        int split = 0;
        while (split < count && vs[split] < median) {
            split++;
        }
        int l = split - 1;
        int r = split;
        int w = 0;
        int nans = 0;
        while (l >= 0 || r < count) {
            double dl = l >= 0 ? Math.abs(vs[l] - median) : Double.NaN;
            double dr = r < count ? Math.abs(vs[r] - median) : Double.NaN;
            if (l >= 0 && Double.isNaN(dl)) {
                nans++;
                l--;
            } else if (r < count && Double.isNaN(dr)) {
                nans++;
                r++;
            } else if (r >= count || (l >= 0 && Double.compare(dl, dr) <= 0)) {
                deviations[w++] = dl;
                l--;
            } else {
                deviations[w++] = dr;
                r++;
            }
        }
        return nans;
    }

    private static int grow(int n) {
        return Math.max(16, Integer.highestOneBit(n - 1) << 1);
    }
}
