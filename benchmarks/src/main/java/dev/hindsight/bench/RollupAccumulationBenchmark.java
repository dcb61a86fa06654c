package dev.hindsight.bench;

import dev.hindsight.storage.rollup.RollupAccumulators;
import dev.hindsight.storage.rollup.RollupBucket;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rollup accumulation alone: one series value into the three default resolutions
 * (10 s, 1 min, 1 h; count, sum, min, max, last and reset-adjusted counter increase per
 * bucket), closing buckets as the watermark passes them. Values arrive as the store feeds them:
 * every series of every container at one time, then the next tick (10 s later). The sink only
 * counts the closed buckets, so queue writes are not part of this figure (they are in
 * {@link ReplayBenchmark}). One operation is one value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RollupAccumulationBenchmark {
    /** Series per container, as the synthetic fleet produces (fields, spec gauges, eth0). */
    static final int SERIES_PER_CONTAINER = 42;

    @Param({"100", "1000", "10000"})
    public int containers;

    private RollupAccumulators[] levels;
    private int series;
    private int next;
    private long t;
    private long closed;
    private double value;

    @Setup(Level.Trial)
    public void setUp() {
        series = containers * SERIES_PER_CONTAINER;
        long[] res = {10_000L, 60_000L, 3_600_000L};
        levels = new RollupAccumulators[res.length];
        for (int i = 0; i < res.length; i++) {
            levels[i] = new RollupAccumulators(res[i], 5_000, this::count);
        }
        t = 1_700_000_000_000L;
    }

    private void count(RollupBucket b) {
        closed++;
    }

    @Benchmark
    public long addValue() {
        int s = next++;
        if (next == series) {
            next = 0;
            t += 10_000;
        }
        value += 1.5;
        for (RollupAccumulators l : levels) {
            l.add(s, t, value + s, 0);
        }
        return closed;
    }
}
