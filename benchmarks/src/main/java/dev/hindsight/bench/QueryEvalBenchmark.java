package dev.hindsight.bench;

import dev.hindsight.bench.data.DayFixture;
import dev.hindsight.query.engine.Engine;
import dev.hindsight.query.engine.EngineLimits;
import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.QueryResult;
import dev.hindsight.query.engine.Vector;
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
 * PromQL evaluation over the store (parse included): {@code sum by (name) (rate(...[5m]))} as a
 * 24 h range query at a 1 min step, answered from the 1 m rollup (target under 100 ms at 1,000
 * containers), and {@code topk(5, container_memory_working_set_bytes)} as an instant query at
 * the newest data, answered from the head (target under 2 ms at 1,000 containers), and
 * {@code quantile_over_time(0.95, container_memory_usage_bytes[1h])} as a 24 h range query at a
 * 2 min step, which reads the raw samples (every minute in this fixture: 60 to a window).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryEvalBenchmark {
    static final String SUM_RATE = "sum by (name) (rate(container_cpu_usage_seconds_total[5m]))";
    static final String TOPK = "topk(5, container_memory_working_set_bytes)";
    static final String QUANTILE = "quantile_over_time(0.95, container_memory_usage_bytes[1h])";

    @Param({"100", "1000"})
    public int containers;

    private DayFixture day;
    private Engine engine;
    private long end;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        day = DayFixture.open(containers);
        engine = new Engine(day.store(), EngineLimits.DEFAULT);
        end = DayFixture.END_MS;
        now = day.lastSampleMs();
        int series = ((Matrix) engine.range(SUM_RATE, end - DayFixture.DAY_MS, end, 60_000).value()).series().size();
        if (series < containers * 3 / 4) {
            throw new IllegalStateException(SUM_RATE + " returned " + series + " series for " + containers + " containers");
        }
        if (((Vector) engine.instant(TOPK, now).value()).samples().size() != 5) {
            throw new IllegalStateException(TOPK + " did not return 5 samples");
        }
    }

    @Benchmark
    public QueryResult sumRateRange24h1m() {
        return engine.range(SUM_RATE, end - DayFixture.DAY_MS, end, 60_000);
    }

    @Benchmark
    public QueryResult quantileOverTimeRange24h2m() {
        return engine.range(QUANTILE, end - DayFixture.DAY_MS, end, 120_000);
    }

    @Benchmark
    public QueryResult topkInstant() {
        return engine.instant(TOPK, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        day.close();
    }
}
