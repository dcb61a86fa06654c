package dev.hindsight.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AgreementTest {
    private static QueryRunner.Answer answer(String key, double... values) {
        TreeMap<Long, Double> pts = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            pts.put(1000L * i, values[i]);
        }
        Map<String, TreeMap<Long, Double>> m = new TreeMap<>();
        m.put(key, pts);
        return new QueryRunner.Answer(m);
    }

    @Test
    void equalAnswersAgree() {
        Results.Check c = Agreement.check("q", "1h", "A", answer("{name=a}", 1, 2, 3), "B", answer("{name=a}", 1, 2, 3),
            1e-6, false);
        assertThat(c.ok()).isTrue();
        assertThat(c.compared()).isEqualTo(3);
        assertThat(c.maxRelError()).isZero();
    }

    @Test
    void valuesBeyondTheToleranceDisagree() {
        Results.Check c = Agreement.check("q", "1h", "A", answer("{name=a}", 10, 20, 33), "B",
            answer("{name=a}", 10, 20, 30), 0.05, false);
        assertThat(c.ok()).isFalse();
        assertThat(c.mismatched()).isEqualTo(1);
        assertThat(c.problems().get(0)).contains("1 of 3 values differ by more than 5.0 %");
    }

    @Test
    void smallDifferencesNearZeroPassButNotFarFromIt() {
        // 0.0003 vs 0 in a series reaching 0.07: within 0.25 * 0.07; 0.02 is not
        Results.Check near = Agreement.check("q", "1h", "A", answer("{name=a}", 0.0003, 0.07), "B",
            answer("{name=a}", 0, 0.07), 0.25, false);
        assertThat(near.ok()).isTrue();
        Results.Check far = Agreement.check("q", "1h", "A", answer("{name=a}", 0.02, 0.07), "B",
            answer("{name=a}", 0, 0.07), 0.25, false);
        assertThat(far.ok()).isFalse();
    }

    @Test
    void missingAndExtraSeriesDisagree() {
        Results.Check c = Agreement.check("q", "1h", "A", answer("{name=b}", 1), "B", answer("{name=a}", 1), 1e-6, false);
        assertThat(c.problems()).hasSize(2);
        assertThat(c.problems().get(0)).startsWith("1 of 1 series missing");
        assertThat(c.problems().get(1)).startsWith("1 series not in B");
    }

    @Test
    void metricNameCanBeIgnored() {
        Results.Check c = Agreement.check("q", "1h", "A", answer("{__name__=x, name=a}", 1), "B", answer("{name=a}", 1),
            1e-6, true);
        assertThat(c.ok()).isTrue();
        assertThat(Agreement.check("q", "1h", "A", answer("{__name__=x, name=a}", 1), "B", answer("{name=a}", 1),
            1e-6, false).ok()).isFalse();
    }

    @Test
    void nanEqualsNanButNotANumber() {
        assertThat(Agreement.relError(Double.NaN, Double.NaN)).isZero();
        assertThat(Agreement.relError(Double.NaN, 1)).isInfinite();
        assertThat(Agreement.relError(110, 100)).isCloseTo(0.0909, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void percentilesInterpolate() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(CompareMain.percentile(sorted, 0.5)).isEqualTo(5.5);
        assertThat(CompareMain.percentile(sorted, 0.9)).isCloseTo(9.1, org.assertj.core.data.Offset.offset(1e-9));
    }
}
