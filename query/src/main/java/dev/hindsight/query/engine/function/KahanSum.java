package dev.hindsight.query.engine.function;

/** Neumaier-compensated summation, as Prometheus's {@code kahanSumInc}. */
public final class KahanSum {
    private KahanSum() {
    }

    /** Returns the new sum; the new compensation is written to {@code c[0]}. */
    public static double inc(double inc, double sum, double[] c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c[0] = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c[0] += (sum - t) + inc;
        } else {
            c[0] += (inc - t) + sum;
        }
        return t;
    }

    /** Compensated sum of {@code vs[from..to)} ({@link #inc} on locals, the same arithmetic). */
    public static double sum(double[] vs, int from, int to) {
        double c = 0;
        double s = 0;
        for (int i = from; i < to; i++) {
            double inc = vs[i];
            double t = s + inc;
            if (Double.isInfinite(t)) {
                c = 0;
            } else if (Math.abs(s) >= Math.abs(inc)) {
                c += (s - t) + inc;
            } else {
                c += (inc - t) + s;
            }
            s = t;
        }
        return s + c;
    }
}
