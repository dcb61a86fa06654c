package dev.hindsight.query.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hindsight.query.QueryException;
import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.Labels;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineTest {
    private final InMemorySeriesSource source = new InMemorySeriesSource();
    private Engine engine;

    @BeforeEach
    void load() {
        for (int i = 0; i <= 100; i++) {
            long t = i * 10_000L;
            source.add(Labels.of("__name__", "reqs_total", "job", "api", "instance", "a"), t, i * 10.0);
            source.add(Labels.of("__name__", "reqs_total", "job", "api", "instance", "b"), t, i * 20.0);
            source.add(Labels.of("__name__", "temp", "room", "x"), t, i % 7);
        }
        engine = new Engine(source, EngineLimits.DEFAULT);
    }

    @Test
    void instantSelectorUsesLatestSampleWithinLookback() {
        Vector v = (Vector) engine.instant("reqs_total{instance=\"a\"}", 95_000).value();
        assertThat(v.samples()).singleElement().satisfies(s -> {
            assertThat(s.v()).isEqualTo(90.0);
            assertThat(s.labels().metricName()).isEqualTo("reqs_total");
        });
    }

    @Test
    void staleMarkerEndsTheSeries() {
        source.addStale(Labels.of("__name__", "temp", "room", "x"), 1_005_000);
        assertThat(((Vector) engine.instant("temp", 1_004_000).value()).samples()).hasSize(1);
        assertThat(((Vector) engine.instant("temp", 1_006_000).value()).samples()).isEmpty();
    }

    @Test
    void rateDropsTheMetricNameAndSumsByJob() {
        Vector v = (Vector) engine.instant("sum by (job) (rate(reqs_total[5m]))", 600_000).value();
        assertThat(v.samples()).singleElement().satisfies(s -> {
            assertThat(s.labels()).isEqualTo(Labels.of("job", "api"));
            assertThat(s.v()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void rangeQueryReturnsOneSeriesPerLabelSet() {
        Matrix m = (Matrix) engine.range("reqs_total * 2", 0, 60_000, 30_000).value();
        assertThat(m.series()).hasSize(2);
        assertThat(m.series().get(0).labels()).isEqualTo(Labels.of("job", "api", "instance", "a"));
        assertThat(m.series().get(0).timestamps()).containsExactly(0, 30_000, 60_000);
        assertThat(m.series().get(0).values()).containsExactly(0, 60, 120);
    }

    @Test
    void scalarAndStringResults() {
        assertThat(engine.instant("1 + 2 * 3", 0).value()).isEqualTo(new Scalar(0, 7));
        assertThat(engine.instant("\"hi\"", 5).value()).isEqualTo(new StringValue(5, "hi"));
    }

    @Test
    void manyToManyMatchingFailsWithPrometheusMessage() {
        assertThatThrownBy(() -> engine.instant("temp + on() reqs_total", 100_000))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.EXECUTION);
                    assertThat(e.getMessage()).startsWith("found duplicate series for the match group {} on the right");
                });
    }

    @Test
    void parseErrorsAreBadData() {
        assertThatThrownBy(() -> engine.instant("sum(", 0))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA));
    }

    @Test
    void rangeQueryOfRangeVectorIsRejected() {
        assertThatThrownBy(() -> engine.range("reqs_total[5m]", 0, 60_000, 10_000))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
                    assertThat(e.getMessage()).contains("range vector");
                });
    }

    @Test
    void tooManySamplesFailsInsteadOfRunningOutOfMemory() {
        Engine small = new Engine(source, EngineLimits.DEFAULT.withMaxSamples(100));
        assertThatThrownBy(() -> small.range("reqs_total", 0, 1_000_000, 1_000))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.TOO_MANY_SAMPLES);
                    assertThat(e.getMessage()).isEqualTo(
                            "query processing would load too many samples into memory in query execution");
                });
        assertThatThrownBy(() -> small.instant("count_over_time(reqs_total[20m])", 1_000_000))
                .isInstanceOfSatisfying(QueryException.class,
                        e -> assertThat(e.kind()).isEqualTo(QueryException.Kind.TOO_MANY_SAMPLES));
        assertThat(((Vector) small.instant("reqs_total", 1_000_000).value()).samples()).hasSize(2);
    }

    @Test
    void deadlineIsCheckedInsideTheEvaluation() {
        AtomicLong now = new AtomicLong();
        Engine slow = new Engine(source, EngineLimits.DEFAULT.withTimeout(Duration.ofMillis(1)),
                () -> now.addAndGet(1_000_000));
        assertThatThrownBy(() -> slow.range("rate(reqs_total[1m])", 0, 1_000_000, 1_000))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("query timed out in query execution");
                });
    }

    @Test
    void subqueriesAlignToAbsoluteStepMultiples() {
        Matrix m = (Matrix) engine.instant("temp[1m:20s]", 95_000).value();
        assertThat(m.series()).singleElement().satisfies(s ->
                assertThat(s.timestamps()).containsExactly(40_000, 60_000, 80_000));
    }

    @Test
    void peakSamplesAreReported() {
        QueryResult r = engine.instant("count_over_time(reqs_total[1m])", 600_000);
        assertThat(r.peakSamples()).isGreaterThanOrEqualTo(12);
    }
}
