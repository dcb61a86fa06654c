package dev.hindsight.bench;

import dev.hindsight.bench.data.FleetStore;
import dev.hindsight.bench.data.SyntheticFleet;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.store.Store;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replay (the ingest path): a raw log of {@value #SAMPLES} synthetic container samples (each
 * with its {@code eth0} interface sample; 26-29 fields, 8 spec gauges and 8 network counters,
 * about 42 series values) read into a new store's series registry, head and 10s/1m/1h rollups,
 * as {@code Store.open} does on start and as the follow thread does live. One operation is one
 * container sample: the score in ns/op converts to container samples per second as 1e9/score.
 * Target: at least 2 M container samples/s on one core. Each measured operation batch is one
 * whole replay (single-shot), so store set-up (opening queues, creating the registry) counts too.
 * Warm-up: one replay takes about a second, and the first few run before C2 has compiled the
 * ingest path (on a busy two-core machine the early replays are 3-5 times slower than the
 * steady state), so eight warm-up replays come before the measured ones.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 10)
@Fork(1)
public class ReplayBenchmark {
    static final int SAMPLES = 30_000;

    /** Containers in the fleet; the number of ticks is {@value #SAMPLES} / containers. */
    @Param({"100", "1000", "10000"})
    public int containers;

    private FleetStore fleet;
    private Store store;

    @Setup(Level.Trial)
    public void writeLog() {
        long start = 1_700_000_000_000L;
        long ticks = SAMPLES / containers;
        fleet = FleetStore.write(new SyntheticFleet(containers, start, start + ticks * 10_000L, 10_000L, 7),
            RetentionConfig.defaults());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long replay() {
        store = fleet.openStore();
        return store.ingestedRecords();
    }

    @TearDown(Level.Invocation)
    public void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
        fleet.deleteStores();
    }

    @TearDown(Level.Trial)
    public void deleteLog() {
        fleet.close();
    }
}
