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

    /** Compensated sum of {@code vs[from..to)}. */
    public static double sum(double[] vs, int from, int to) {
        double[] c = new double[1];
        double s = 0;
        for (int i = from; i < to; i++) {
            s = inc(vs[i], s, c);
        }
        return s + c[0];
    }
}
