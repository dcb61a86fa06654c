package dev.hindsight.query.engine.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MathTest {
    private static final Offset<Double> EPS = Offset.offset(1e-9);

    @Test
    void kahanSumKeepsSmallTermsNextToLargeOnes() {
        double[] v = {1e16, 1, -1e16, 1};
        assertThat(KahanSum.sum(v, 0, v.length)).isEqualTo(2.0);
    }

    @Test
    void quantileInterpolatesAndHandlesBounds() {
        double[] v = {4, 1, 3, 2};
        assertThat(Stats.quantile(0.5, v, 0, 4)).isEqualTo(2.5);
        assertThat(Stats.quantile(0, v, 0, 4)).isEqualTo(1.0);
        assertThat(Stats.quantile(-1, v, 0, 4)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Stats.quantile(2, v, 0, 4)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Stats.quantile(Double.NaN, v, 0, 4)).isNaN();
        assertThat(Stats.sortNaNFirst(new double[] {2, Double.NaN, 1}, 0, 3)).containsExactly(Double.NaN, 1, 2);
    }

    @Test
    void meanSurvivesOverflow() {
        double[] v = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        assertThat(Stats.mean(v, 0, 3)).isCloseTo(Double.MAX_VALUE / 3, Offset.offset(Double.MAX_VALUE * 1e-9));
        assertThat(Stats.variance(new double[] {1, 2, 3, 4}, 0, 4)).isCloseTo(1.25, EPS);
    }

    @Test
    void extrapolatedRateOfASteadyCounter() {
        long[] ts = new long[60];
        double[] vs = new double[60];
        for (int i = 0; i < 60; i++) {
            ts[i] = 10_000L + i * 10_000L;
            vs[i] = 100 + i * 10.0;
        }
        // samples cover 590s of a 600s window: extrapolated to the window edges
        assertThat(RangeMath.extrapolatedRate(ts, vs, 0, 60, 0, 600_000, true, true)).isCloseTo(1.0, EPS);
        assertThat(RangeMath.extrapolatedRate(ts, vs, 0, 1, 0, 600_000, true, true)).isNaN();
    }

    @Test
    void counterResetsAreCompensated() {
        long[] ts = {0, 10_000, 20_000, 30_000};
        double[] vs = {5, 10, 2, 7};
        assertThat(RangeMath.resets(vs, 0, 4)).isEqualTo(1);
        // increase 5 + (10 carried over the reset) + 7 - 5... = 7 - 5 + 10 = 12 over 30s
        assertThat(RangeMath.extrapolatedRate(ts, vs, 0, 4, 0, 30_000, true, false)).isCloseTo(12.0, EPS);
        assertThat(RangeMath.instantValue(ts, vs, 0, 3, true)).isCloseTo(0.2, EPS);
    }

    @Test
    void linearRegressionFindsSlopeAndIntercept() {
        long[] ts = {0, 1000, 2000, 3000};
        double[] vs = {1, 3, 5, 7};
        double[] si = RangeMath.linearRegression(ts, vs, 0, 4, 0);
        assertThat(si[0]).isCloseTo(2.0, EPS);
        assertThat(si[1]).isCloseTo(1.0, EPS);
    }

    @Test
    void classicBucketQuantileAndFraction() {
        double[] bounds = {0.1, 0.2, Double.POSITIVE_INFINITY};
        double[] counts = {10, 20, 20};
        assertThat(BucketMath.quantile(0.5, bounds, counts)).isCloseTo(0.1, EPS);
        assertThat(BucketMath.quantile(0.75, bounds, counts)).isCloseTo(0.15, EPS);
        assertThat(BucketMath.quantile(0.5, new double[] {0.1}, new double[] {3})).isNaN();
        assertThat(BucketMath.fraction(0, 0.1, bounds, counts)).isCloseTo(0.5, EPS);
        assertThat(BucketMath.fraction(0.15, 0.2, bounds, counts)).isCloseTo(0.25, EPS);
    }
}
