package dev.hindsight.query.engine.function;

/**
 * The rate family and the regression/smoothing functions over one window of raw points
 * {@code ts[from..to)}, {@code vs[from..to)} (timestamps in ms).
 */
public final class RangeMath {
    private RangeMath() {
    }

    /**
     * Prometheus's {@code extrapolatedRate}: the change over the window, extrapolated towards
     * its edges, corrected for counter resets when {@code counter}, per second when
     * {@code perSecond}. NaN result means "no output" (fewer than two points).
     */
    public static double extrapolatedRate(long[] ts, double[] vs, int from, int to, long rangeStart, long rangeEnd,
            boolean counter, boolean perSecond) {
        int n = to - from;
        if (n < 2) {
            return Double.NaN;
        }
        long firstT = ts[from];
        long lastT = ts[to - 1];
        double result = vs[to - 1] - vs[from];
        if (counter) {
            double prev = vs[from];
            for (int i = from + 1; i < to; i++) {
                if (vs[i] < prev) {
                    result += prev;
                }
                prev = vs[i];
            }
        }
        double durationToStart = (firstT - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - lastT) / 1000.0;
        double sampledInterval = (lastT - firstT) / 1000.0;
        double avgBetween = sampledInterval / (n - 1);
        double threshold = avgBetween * 1.1;
        double extrapolateTo = sampledInterval;
        if (durationToStart >= threshold) {
            durationToStart = avgBetween / 2;
        }
        if (counter && result > 0 && vs[from] >= 0) {
            double durationToZero = sampledInterval * (vs[from] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        extrapolateTo += durationToStart;
        if (durationToEnd >= threshold) {
            durationToEnd = avgBetween / 2;
        }
        extrapolateTo += durationToEnd;
        double factor = extrapolateTo / sampledInterval;
        if (perSecond) {
            factor /= (rangeEnd - rangeStart) / 1000.0;
        }
        return result * factor;
    }

    /** irate/idelta from the last two points; NaN means "no output". */
    public static double instantValue(long[] ts, double[] vs, int from, int to, boolean rate) {
        if (to - from < 2) {
            return Double.NaN;
        }
        double last = vs[to - 1];
        double prev = vs[to - 2];
        double result = last - prev;
        if (rate && last < prev) {
            result = last;
        }
        long interval = ts[to - 1] - ts[to - 2];
        if (interval == 0) {
            return Double.NaN;
        }
        if (rate) {
            result /= interval / 1000.0;
        }
        return result;
    }

    /** Least-squares slope and intercept at {@code interceptTime}; returns {slope, intercept}. */
    public static double[] linearRegression(long[] ts, double[] vs, int from, int to, long interceptTime) {
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        double[] cX = new double[1];
        double[] cY = new double[1];
        double[] cXY = new double[1];
        double[] cX2 = new double[1];
        double initY = vs[from];
        boolean constY = true;
        for (int i = from; i < to; i++) {
            double f = vs[i];
            if (constY && i > from && f != initY) {
                constY = false;
            }
            n += 1;
            double x = (ts[i] - interceptTime) / 1e3;
            sumX = KahanSum.inc(x, sumX, cX);
            sumY = KahanSum.inc(f, sumY, cY);
            sumXY = KahanSum.inc(x * f, sumXY, cXY);
            sumX2 = KahanSum.inc(x * x, sumX2, cX2);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        sumX += cX[0];
        sumY += cY[0];
        sumXY += cXY[0];
        sumX2 += cX2[0];
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }

    /** Number of value changes (NaN to NaN is no change). */
    public static double changes(double[] vs, int from, int to) {
        int changes = 0;
        double prev = vs[from];
        for (int i = from + 1; i < to; i++) {
            double cur = vs[i];
            if (!(cur == prev || (Double.isNaN(cur) && Double.isNaN(prev)))) {
                changes++;
            }
            prev = cur;
        }
        return changes;
    }

    /** Number of counter resets (decreases). */
    public static double resets(double[] vs, int from, int to) {
        int resets = 0;
        double prev = vs[from];
        for (int i = from + 1; i < to; i++) {
            double cur = vs[i];
            if (cur < prev) {
                resets++;
            }
            prev = cur;
        }
        return resets;
    }

    /** Holt's linear (double exponential) smoothing; NaN when fewer than two points. */
    public static double doubleExponentialSmoothing(double[] vs, int from, int to, double sf, double tf) {
        int l = to - from;
        if (l < 2) {
            return Double.NaN;
        }
        double s0 = 0;
        double s1 = vs[from];
        double b = vs[from + 1] - vs[from];
        for (int i = 1; i < l; i++) {
            double x = sf * vs[from + i];
            if (i - 1 != 0) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return s1;
    }
}
