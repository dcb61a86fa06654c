package dev.hindsight.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hindsight.query.QueryException;
import dev.hindsight.query.parser.QueryParser;
import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Range queries evaluated series at a time give exactly (bit for bit, errors included) what
 * the step-by-step evaluation gives, over data with counter resets, gaps, stale markers,
 * NaN, -0 and infinities, with raw samples and with rollup buckets.
 */
class SeriesAtATimeTest {
    private static final List<String> QUERIES = List.of(
            "g",
            "g offset 1m",
            "g @ 500",
            "g @ end()",
            "c_total{job=\"a\"}",
            "rate(c_total[1m])",
            "rate(c_total[5m] offset 30s)",
            "increase(c_total[2m])",
            "delta(g[3m])",
            "irate(c_total[1m])",
            "idelta(g[1m])",
            "deriv(g[2m])",
            "predict_linear(g[5m], 60)",
            "changes(g[5m])",
            "resets(c_total[5m])",
            "sum_over_time(g[2m])",
            "count_over_time(g[90s])",
            "min_over_time(g[2m])",
            "max_over_time(g[2m] @ 1000)",
            "stddev_over_time(g[3m])",
            "stdvar_over_time(g[3m])",
            "quantile_over_time(0.9, g[5m])",
            "mad_over_time(g[5m])",
            "quantile_over_time(0, g[90s])",
            "quantile_over_time(1, g[10m])",
            "quantile_over_time(2, g[5m])",
            "quantile_over_time(0.5, g[5m] @ 1000)",
            "mad_over_time(g[90s] offset 1m)",
            "last_over_time(g[1m])",
            "first_over_time(g[1m])",
            "present_over_time(g[1m])",
            "ts_of_max_over_time(g[3m])",
            "ts_of_min_over_time(g[3m])",
            "ts_of_first_over_time(g[3m])",
            "ts_of_last_over_time(g[3m])",
            "double_exponential_smoothing(g[5m], 0.5, 0.3)",
            "sum(rate(c_total[5m]))",
            "sum by (job) (rate(c_total[5m]))",
            "sum without (inst) (rate(c_total[5m]))",
            "avg by (job) (g)",
            "min(g)",
            "max by (job) (max_over_time(g[2m]))",
            "count(g)",
            "group by (job) (g)",
            "stddev by (job) (g)",
            "stdvar(g)",
            "quantile by (job) (0.75, g)",
            "sum by (__name__) (g)",
            "sum by (__name__) (last_over_time(g[1m]))",
            "topk(2, g)",
            "topk by (job) (1, rate(c_total[5m]))",
            "bottomk(3, g)",
            "bottomk(0, g)",
            "limitk(2, g)",
            "topk(100, g)",
            "sum(increase(c_total[1h]))",
            "rate({__name__=~\"c_total|d_total\"}[5m])",
            "sum(nothing_here)",
            "(sum by (job) ((rate(c_total[5m]))))",
            "rate(c_total[5m]) / rate(d_total[5m])",
            "rate(d_total[5m]) / ignoring(job) rate(c_total[5m])",
            "g > 3",
            "g > bool 3",
            "3 >= g",
            "2 ^ g",
            "-1 * rate(c_total[1m]) + 5",
            "g - on(inst) c_total",
            "g == bool on(inst, job) c_total",
            "g != c_total",
            "sum by (job) (rate(c_total[5m])) / sum by (job) (rate(d_total[5m]))",
            "c_total / on(job) g",
            "(rate(c_total[5m]) > 0.5) * 100",
            "max_over_time(g[2m]) atan2 min_over_time(g[2m])",
            "g % 7 < bool 2",
            // many series to a signature on each side: evaluated step by step, with its per-step checks
            "g / ignoring(inst) c_total",
            "g / on(job) c_total{inst=\"i0\"}");

    private static InMemorySeriesSource data() {
        InMemorySeriesSource src = new InMemorySeriesSource();
        double[] odd = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e308, -1e308};
        for (int s = 0; s < 6; s++) {
            String job = s % 2 == 0 ? "a" : "b";
            Labels c = Labels.of("__name__", "c_total", "job", job, "inst", "i" + s);
            Labels g = Labels.of("__name__", "g", "job", job, "inst", "i" + s);
            Labels d = Labels.of("__name__", "d_total", "job", job, "inst", "i" + s);
            double counter = 0;
            for (int i = 0; i < 200; i++) {
                long t = i * 10_000L + s * 1_000L;
                if ((i + s) % 37 == 0 || (s == 3 && i > 120 && i < 150)) {
                    continue; // gaps, one long enough for the lookback to expire
                }
                counter = (i + 3 * s) % 53 == 0 ? 1 : counter + 1 + ((i * (s + 1)) % 5);
                src.add(c, t, counter);
                if (s == 5 && i % 50 == 25) {
                    src.addStale(g, t);
                } else {
                    src.add(g, t, i % 29 == 0 ? odd[(i / 29 + s) % odd.length] : ((i * 7 + s * 13) % 31) - 15);
                }
                if (s < 2) {
                    src.add(d, t, counter * 2);
                }
            }
        }
        return src;
    }

    @TestFactory
    Stream<DynamicTest> rawDataGivesTheSameAsStepByStep() {
        return cases(data());
    }

    @TestFactory
    Stream<DynamicTest> rollupBucketsGiveTheSameAsStepByStep() {
        return cases(new RollupTest.FakeRollupSource(data()));
    }

    private static Stream<DynamicTest> cases(SeriesSource source) {
        Engine engine = new Engine(source, EngineLimits.DEFAULT);
        long[][] grids = {{0, 2_000_000, 60_000}, {95_000, 1_500_000, 7_000}, {300_000, 300_000, 1_000},
            {0, 2_100_000, 13_000}};
        List<DynamicTest> tests = new ArrayList<>();
        for (String q : QUERIES) {
            for (long[] g : grids) {
                tests.add(DynamicTest.dynamicTest(q + " " + g[0] + ".." + g[1] + "/" + g[2],
                        () -> assertSame(engine, q, g[0], g[1], g[2])));
            }
        }
        return tests.stream();
    }

    private static void assertSame(Engine engine, String q, long start, long end, long step) {
        var expr = QueryParser.parse(q);
        assertThat(SeriesAtATime.supports(expr)).as("evaluated series at a time").isTrue();
        Object want = outcome(() -> engine.rangeStepByStep(expr, start, end, step));
        Object got = outcome(() -> engine.range(expr, start, end, step));
        if (want instanceof String err) {
            assertThat(got).isEqualTo(err);
            return;
        }
        Matrix a = (Matrix) want;
        Matrix b = (Matrix) got;
        assertThat(b.series()).extracting(Matrix.Series::labels)
                .containsExactlyElementsOf(a.series().stream().map(Matrix.Series::labels).toList());
        for (int i = 0; i < a.series().size(); i++) {
            Matrix.Series x = a.series().get(i);
            Matrix.Series y = b.series().get(i);
            assertThat(y.timestamps()).as("%s timestamps", x.labels()).containsExactly(x.timestamps());
            for (int j = 0; j < x.size(); j++) {
                assertThat(Double.doubleToLongBits(y.values()[j])).as("%s at %d", x.labels(), x.timestamps()[j])
                        .isEqualTo(Double.doubleToLongBits(x.values()[j]));
            }
        }
    }

    private static Object outcome(java.util.function.Supplier<QueryResult> run) {
        Throwable t = catchThrowable(() -> run.get());
        if (t == null) {
            return run.get().value();
        }
        assertThat(t).isInstanceOf(QueryException.class);
        return ((QueryException) t).kind() + ": " + t.getMessage();
    }

    @Test
    void shapesItDoesNotSpecialiseAreLeftToTheStepByStepEvaluation() {
        for (String q : List.of("g and c_total", "g * on(inst) group_left c_total", "1 + 2", "sum(sum by (job) (g))", "avg_over_time(g[5m])",
                "absent_over_time(g[1m])", "count_values(\"v\", g)", "topk(scalar(g), g)", "quantile_over_time(0.5, g[5m:1m])",
                "time()", "g + scalar(g)")) {
            assertThat(SeriesAtATime.supports(QueryParser.parse(q))).as(q).isFalse();
        }
        var sumRate = QueryParser.parse("sum(rate(c_total[5m]))");
        assertThat(SeriesAtATime.supports(sumRate, SeriesAtATime.MAX_STEPS)).isTrue();
        assertThat(SeriesAtATime.supports(sumRate, SeriesAtATime.MAX_STEPS + 1)).as("a grid too fine for columns").isFalse();
    }

    @Test
    void aBadKIsReportedBeforeTheInputIsRead() {
        Engine engine = new Engine(data(), EngineLimits.DEFAULT.withMaxSamples(10));
        Throwable t = catchThrowable(() -> engine.range("topk(NaN, g)", 0, 600_000, 60_000));
        assertThat(t).isInstanceOf(QueryException.class).hasMessage("Parameter value is NaN");
    }

    @Test
    void aClashOfLabelSetsIsTheSameError() {
        Engine engine = new Engine(data(), EngineLimits.DEFAULT);
        Throwable t = catchThrowable(() -> engine.range("rate({__name__=~\"c_total|d_total\"}[5m])", 0, 600_000, 60_000));
        assertThat(t).isInstanceOf(QueryException.class)
                .hasMessageContaining("vector cannot contain metrics with the same labelset");
    }
}
