package dev.hindsight.query.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import dev.hindsight.storage.select.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The rollup path (bucket aggregates) gives the same answers as raw samples. */
class RollupTest {
    private static final long RES = 60_000;

    /** Serves rollup buckets of width RES, built from raw samples, whenever a function asks for an aggregate. */
    record FakeRollupSource(InMemorySeriesSource raw) implements SeriesSource {
        @Override
        public SeriesSet select(List<LabelMatcher> matchers, SelectHints hints) {
            if (hints.aggregate() == Aggregate.RAW || hints.rangeMs() < RES) {
                return raw.select(matchers, hints);
            }
            SeriesSet all = raw.select(matchers, SelectHints.raw(0, hints.end()));
            List<Series> out = new ArrayList<>();
            for (Series s : all.series()) {
                out.add(buckets(s, hints.aggregate()));
            }
            return new SeriesSet(out, RES, hints.aggregate());
        }

        private static Series buckets(Series s, Aggregate agg) {
            List<long[]> ts = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            SampleCursor c = s.cursor();
            long bucketEnd = Long.MIN_VALUE;
            double acc = 0;
            double prev = Double.NaN;
            while (c.next()) {
                long end = Math.floorDiv(c.timestamp() + RES - 1, RES) * RES;
                double v = c.value();
                if (end != bucketEnd) {
                    if (bucketEnd != Long.MIN_VALUE) {
                        ts.add(new long[] {bucketEnd});
                        vs.add(acc);
                    }
                    bucketEnd = end;
                    acc = agg == Aggregate.MAX ? Double.NEGATIVE_INFINITY : agg == Aggregate.MIN ? Double.POSITIVE_INFINITY : 0;
                }
                switch (agg) {
                    case MAX -> acc = Math.max(acc, v);
                    case MIN -> acc = Math.min(acc, v);
                    case LAST -> acc = v;
                    case SUM -> acc += v;
                    case COUNT -> acc += 1;
                    case COUNTER -> {
                        if (!Double.isNaN(prev)) {
                            acc += v >= prev ? v - prev : v;
                        }
                    }
                    default -> throw new IllegalArgumentException(agg.name());
                }
                prev = v;
            }
            ts.add(new long[] {bucketEnd});
            vs.add(acc);
            return new Series() {
                @Override
                public Labels labels() {
                    return s.labels();
                }

                @Override
                public SampleCursor cursor() {
                    return new SampleCursor() {
                        int i = -1;

                        @Override
                        public boolean next() {
                            return ++i < ts.size();
                        }

                        @Override
                        public boolean hasCurrent() {
                            return i >= 0 && i < ts.size();
                        }

                        @Override
                        public long timestamp() {
                            return ts.get(i)[0];
                        }

                        @Override
                        public double value() {
                            return vs.get(i);
                        }
                    };
                }
            };
        }

        @Override
        public List<String> labelNames(List<LabelMatcher> matchers, long start, long end) {
            return raw.labelNames(matchers, start, end);
        }

        @Override
        public List<String> labelValues(String name, List<LabelMatcher> matchers, long start, long end) {
            return raw.labelValues(name, matchers, start, end);
        }
    }

    private static InMemorySeriesSource data() {
        InMemorySeriesSource raw = new InMemorySeriesSource();
        double counter = 0;
        for (int i = 0; i <= 360; i++) {
            long t = i * 10_000L;
            counter = i == 200 ? 3 : counter + 1 + (i % 3);
            raw.add(Labels.of("__name__", "bytes_total", "c", "x"), t, counter);
            raw.add(Labels.of("__name__", "cpu", "c", "x"), t, (i * 37) % 101);
        }
        return raw;
    }

    @Test
    void rateAndIncreaseFromCounterBucketsMatchRawData() {
        InMemorySeriesSource raw = data();
        Engine rawEngine = new Engine(raw, EngineLimits.DEFAULT);
        Engine rollupEngine = new Engine(new FakeRollupSource(raw), EngineLimits.DEFAULT);
        for (String q : List.of("rate(bytes_total[10m])", "increase(bytes_total[10m])")) {
            Matrix a = (Matrix) rawEngine.range(q, 1_200_000, 3_600_000, RES).value();
            Matrix b = (Matrix) rollupEngine.range(q, 1_200_000, 3_600_000, RES).value();
            assertThat(b.series()).hasSize(1);
            double[] av = a.series().get(0).values();
            double[] bv = b.series().get(0).values();
            assertThat(bv).hasSameSizeAs(av);
            for (int i = 0; i < av.length; i++) {
                assertThat(bv[i]).as(q + " step " + i).isCloseTo(av[i], Offset.offset(Math.abs(av[i]) * 0.03));
            }
        }
    }

    @Test
    void maxOverTimeFromMaxBucketsMatchesRawData() {
        InMemorySeriesSource raw = data();
        Engine rawEngine = new Engine(raw, EngineLimits.DEFAULT);
        Engine rollupEngine = new Engine(new FakeRollupSource(raw), EngineLimits.DEFAULT);
        Matrix a = (Matrix) rawEngine.range("max_over_time(cpu[5m])", 600_000, 3_600_000, RES).value();
        Matrix b = (Matrix) rollupEngine.range("max_over_time(cpu[5m])", 600_000, 3_600_000, RES).value();
        assertThat(b.series().get(0).values()).containsExactly(a.series().get(0).values());
        assertThat(b.series().get(0).labels()).isEqualTo(Labels.of("c", "x"));
    }

    @Test
    void avgSumAndCountOverTimeFromSumAndCountBucketsMatchRawData() {
        InMemorySeriesSource raw = data();
        Engine rawEngine = new Engine(raw, EngineLimits.DEFAULT);
        Engine rollupEngine = new Engine(new FakeRollupSource(raw), EngineLimits.DEFAULT);
        for (String q : List.of("avg_over_time(cpu[5m])", "sum_over_time(cpu[5m])", "count_over_time(cpu[5m])")) {
            Matrix a = (Matrix) rawEngine.range(q, 600_000, 3_600_000, RES).value();
            Matrix b = (Matrix) rollupEngine.range(q, 600_000, 3_600_000, RES).value();
            double[] av = a.series().get(0).values();
            double[] bv = b.series().get(0).values();
            assertThat(bv).hasSameSizeAs(av);
            for (int i = 0; i < av.length; i++) {
                assertThat(bv[i]).as(q + " step " + i).isCloseTo(av[i], Offset.offset(1e-9));
            }
        }
    }

    @Test
    void lastOverTimeFromLastBucketsKeepsTheMetricName() {
        InMemorySeriesSource raw = data();
        Engine rawEngine = new Engine(raw, EngineLimits.DEFAULT);
        Engine rollupEngine = new Engine(new FakeRollupSource(raw), EngineLimits.DEFAULT);
        Matrix a = (Matrix) rawEngine.range("last_over_time(cpu[5m])", 600_000, 3_600_000, RES).value();
        Matrix b = (Matrix) rollupEngine.range("last_over_time(cpu[5m])", 600_000, 3_600_000, RES).value();
        assertThat(b.series().get(0).values()).containsExactly(a.series().get(0).values());
        assertThat(b.series().get(0).labels()).isEqualTo(Labels.of("__name__", "cpu", "c", "x"));
    }

    /**
     * A counter that starts and stops inside the query: PromQL's rate falls off as the window
     * slides over either end, and the rollup rate must fall off with it, not hold the rate of the
     * part the buckets cover.
     */
    @Test
    void rateFromCounterBucketsFallsOffAtSeriesEndsAsPromqlDoes() {
        InMemorySeriesSource raw = new InMemorySeriesSource();
        for (int i = 0; i <= 180; i++) {
            raw.add(Labels.of("__name__", "bytes_total", "c", "x"), 900_000 + i * 10_000L, 1000 + i);
        }
        Engine rawEngine = new Engine(raw, EngineLimits.DEFAULT);
        Engine rollupEngine = new Engine(new FakeRollupSource(raw), EngineLimits.DEFAULT);
        Matrix.Series a = ((Matrix) rawEngine.range("rate(bytes_total[10m])", 600_000, 3_600_000, RES).value())
                .series().get(0);
        Matrix.Series b = ((Matrix) rollupEngine.range("rate(bytes_total[10m])", 600_000, 3_600_000, RES).value())
                .series().get(0);
        int compared = 0;
        for (int i = 0; i < a.size(); i++) {
            int j = java.util.Arrays.binarySearch(b.timestamps(), a.timestamps()[i]);
            assertThat(j).as("rollup point at %d", a.timestamps()[i]).isGreaterThanOrEqualTo(0);
            assertThat(b.values()[j]).as("rate at %d", a.timestamps()[i])
                    .isCloseTo(a.values()[i], Offset.offset(a.values()[i] * 0.12));
            compared++;
        }
        assertThat(compared).isGreaterThan(35);
        assertThat(a.values()[a.size() - 1]).isLessThan(0.1 / 2);
    }
}
