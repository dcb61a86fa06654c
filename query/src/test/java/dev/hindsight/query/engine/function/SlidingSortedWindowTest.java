package dev.hindsight.query.engine.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingSortedWindowTest {
    private static final double[] QS = {0, 0.5, 0.95, 1, -1, 2, Double.NaN, 0.25, 0.01};
    /** Values drawn often, so windows hold duplicates, both zeros, NaNs and infinities. */
    private static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1, -1, 2.5, Double.MAX_VALUE, -Double.MIN_VALUE, Double.MIN_VALUE};

    @Test
    void slidingAnswersAreBitForBitThoseOfStatsOverRandomSeriesAndGrids() {
        Random rnd = new Random(20261127L);
        SlidingSortedWindow window = new SlidingSortedWindow();
        int checked = 0;
        for (int round = 0; round < 3_000; round++) {
            int n = rnd.nextInt(200);
            long[] ts = new long[n];
            double[] vs = new double[n];
            long t = rnd.nextInt(50);
            int flavour = rnd.nextInt(4); // 0 finite, 1 with specials, 2 few distinct values, 3 no NaN
            for (int i = 0; i < n; i++) {
                t += 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
                ts[i] = t;
                vs[i] = value(rnd, flavour);
            }
            long range = 1 + rnd.nextInt(rnd.nextBoolean() ? 30 : 400);
            long step = 1 + rnd.nextInt(rnd.nextBoolean() ? (int) range : 3 * (int) range);
            window.reset();
            int lo = 0;
            int hi = 0;
            for (long te = rnd.nextInt(20); te <= t + range; te += step) {
                while (hi < n && ts[hi] <= te) {
                    hi++;
                }
                while (lo < hi && ts[lo] <= te - range) {
                    lo++;
                }
                if (hi == lo && rnd.nextBoolean()) {
                    continue; // as the engine skips empty windows
                }
                window.slide(vs, lo, hi);
                assertThat(window.size()).isEqualTo(hi - lo);
                for (double q : QS) {
                    assertSameBits(window.quantile(q), Stats.quantile(q, vs, lo, hi), q, vs, lo, hi);
                }
                assertSameBits(window.mad(), Stats.mad(vs, lo, hi), Double.NaN, vs, lo, hi);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void aWindowMovedBackOrOverAnotherArrayIsRebuilt() {
        SlidingSortedWindow window = new SlidingSortedWindow();
        double[] a = {5, 1, 4, 2, 3, 0};
        window.slide(a, 2, 6);
        assertThat(window.quantile(0)).isEqualTo(0.0);
        window.slide(a, 0, 3);
        assertThat(window.quantile(1)).isEqualTo(5.0);
        assertThat(window.quantile(0.5)).isEqualTo(4.0);
        double[] b = {7, 8, 9};
        window.slide(b, 0, 3);
        assertThat(window.quantile(0.5)).isEqualTo(8.0);
        window.slide(b, 3, 3);
        assertThat(window.size()).isZero();
        assertThat(window.quantile(0.5)).isNaN();
        assertThat(window.mad()).isNaN();
    }

    @Test
    void negativeZeroSortsBeforeZeroAndNaNsFirst() {
        SlidingSortedWindow window = new SlidingSortedWindow();
        double[] v = {0.0, Double.NaN, -0.0, 0.0, -0.0};
        window.slide(v, 0, 2);
        window.slide(v, 1, 5);
        assertThat(Double.doubleToRawLongBits(window.quantile(1.0 / 3))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(window.quantile(0)).isNaN();
        assertThat(Double.doubleToRawLongBits(window.quantile(1))).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    private static double value(Random rnd, int flavour) {
        return switch (flavour) {
            case 0 -> rnd.nextGaussian() * 1e6;
            case 1 -> rnd.nextInt(3) == 0 ? SPECIAL[rnd.nextInt(SPECIAL.length)] : rnd.nextGaussian();
            case 2 -> rnd.nextInt(5) - 2.0;
            default -> rnd.nextInt(4) == 0 ? SPECIAL[3 + rnd.nextInt(SPECIAL.length - 3)] : rnd.nextInt(1000) / 8.0;
        };
    }

    private static void assertSameBits(double got, double want, double q, double[] vs, int lo, int hi) {
        long g = Double.isNaN(got) ? Double.doubleToLongBits(Double.NaN) : Double.doubleToRawLongBits(got);
        long w = Double.isNaN(want) ? Double.doubleToLongBits(Double.NaN) : Double.doubleToRawLongBits(want);
        if (g == w) {
            return; // describing the window costs more than comparing
        }
        assertThat(g).as("q=%s over %s", q, Arrays.toString(Arrays.copyOfRange(vs, lo, hi)))
            .isEqualTo(w);
    }
}
