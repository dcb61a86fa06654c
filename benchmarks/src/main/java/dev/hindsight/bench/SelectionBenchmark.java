package dev.hindsight.bench;

import dev.hindsight.bench.data.DayFixture;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.select.SeriesSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Series selection through the storage API, reading every returned sample: one CPU series
 * over 24 h at 1-minute resolution (target under 1 ms), and the CPU series of every container
 * over 24 h at 1-minute resolution (target under 50 ms at 1,000 containers). Both ask for the
 * counter-increase aggregate, as {@code rate()} does, so the store answers from its 1 m rollup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectionBenchmark {
    private static final String CPU = "container_cpu_usage_seconds_total";

    @Param({"100", "1000"})
    public int containers;

    private DayFixture day;
    private SelectHints hints;
    private List<LabelMatcher> one;
    private List<LabelMatcher> all;

    @Setup(Level.Trial)
    public void setUp() {
        day = DayFixture.open(containers);
        long end = DayFixture.END_MS;
        hints = new SelectHints(end - DayFixture.DAY_MS, end, 60_000, 60_000, Aggregate.COUNTER);
        one = List.of(LabelMatcher.eq("__name__", CPU), LabelMatcher.eq("name", "web-0000"));
        all = List.of(LabelMatcher.eq("__name__", CPU));
        if (day.store().select(one, hints).series().size() != 1) {
            throw new IllegalStateException("expected exactly one series for " + one);
        }
    }

    @Benchmark
    public double oneSeries24h1m() {
        return readAll(day.store().select(one, hints));
    }

    @Benchmark
    public double allCpuSeries24h1m() {
        return readAll(day.store().select(all, hints));
    }

    static double readAll(SeriesSet set) {
        double acc = 0;
        for (Series s : set.series()) {
            SampleCursor c = s.cursor();
            while (c.next()) {
                acc += c.value();
            }
        }
        return acc;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        day.close();
    }
}
