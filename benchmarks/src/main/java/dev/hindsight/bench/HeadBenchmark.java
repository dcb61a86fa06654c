package dev.hindsight.bench;

import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.select.SampleCursor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.SplittableRandom;
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
 * The in-memory head on cAdvisor-like series sampled every second with a few ms of jitter:
 * a CPU counter growing irregularly (ns scaled to seconds, as the series mapper stores it), a
 * memory gauge wobbling by pages, a constant
 * limit, and a container's mix of them (8 counters, 10 gauges, 22 constants or rarely
 * changing small integers, as the collector's 40 or so fields per container are). Series
 * come 40 to a container, all stamped with the container's time, as ingest feeds them.
 *
 * <ul>
 *   <li>{@link #append}: one sample appended; the ingest order (every series at one tick, then
 *       the next tick), 4,000 series, a 10 min window trimmed every minute of data.</li>
 *   <li>{@link #readTwoHours}: one cursor over one series' 2 h (7,200 samples); samples/s is
 *       7,200 times the ops/s.</li>
 *   <li>{@link #readLastFiveMinutes}: a cursor over the newest 5 min of the same 2 h: the cost
 *       of seeking.</li>
 * </ul>
 * The setup fills {@value #FOOTPRINT_SERIES} series with 2 h each and prints the heap they
 * retain per sample ({@code head footprint: ...}), measured after full GCs. With {@code spill}
 * the heads move sealed value streams to scratch files, as the store's head does, and reads
 * copy them back out of the file's mapping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class HeadBenchmark {
    static final int FOOTPRINT_SERIES = 1_000;
    static final int TWO_HOURS = 7_200;
    static final int APPEND_SERIES = 4_000;
    static final long START = 1_700_000_000_000L;
    private static final int L = 8_192;

    @Param({"mixed", "counter", "gauge", "constant"})
    public String shape;

    /** Whether sealed value streams go to scratch files (the store's head) or stay on the heap. */
    @Param({"true", "false"})
    public boolean spill;

    private long[] counterNs;
    private double[][] seqs;
    private int[] jitter;
    private Head full;
    private Head appending;
    private int series;
    private int tick;
    private long lastTrim;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        jitter = new int[L];
        for (int i = 0; i < L; i++) {
            jitter[i] = r.nextInt(5); // 0..4 ms late
        }
        counterNs = counterNs(r);
        seqs = new double[][] {null, gauge(r), constant(), rare(r)};
        full = head(2 * 3_600_000L);
        System.out.printf("%nhead footprint (%s, spill %s): %s%n", shape, spill, footprint());
        appending = head(600_000L);
    }

    private Head head(long windowMs) {
        if (!spill) {
            return new Head(windowMs);
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hindsight-head-bench");
            dir.toFile().deleteOnExit(); // the spill files in it are unlinked when made
            return new Head(windowMs, dir, problem -> System.out.println("head spill: " + problem));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Fills {@link #full} with 2 h of every footprint series and measures the heap it holds. */
    private String footprint() {
        long before = usedHeap();
        for (int k = 0; k < TWO_HOURS; k++) {
            for (int s = 0; s < FOOTPRINT_SERIES; s++) {
                full.append(s, time(s, k), value(s, k));
            }
        }
        full.trim();
        long after = usedHeap();
        double perSample = (after - before) / (double) full.sampleCount();
        return String.format("%.2f bytes/sample over %,d samples; 1,000 containers x 40 series x 2 h = %.0f MB",
                perSample, full.sampleCount(), perSample * 1_000 * 40 * TWO_HOURS / 1e6);
    }

    private static long usedHeap() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }

    /** Series are grouped 40 to a container, stamped alike (one record), as ingest feeds them. */
    private long time(int s, int k) {
        int container = s / 40;
        return START + 1_000L * k + 3 * (container % 200) + jitter[(k + 7 * container) & (L - 1)];
    }

    private double value(int s, int k) {
        int kind = switch (shape) {
            case "counter" -> 0;
            case "gauge" -> 1;
            case "constant" -> 2;
            default -> mixedKind(s % 40);
        };
        int at = (k + 131 * s) & (L - 1);
        return switch (kind) {
            case 0 -> (counterNs[at] + 4096L * s) * 1e-9;
            case 2 -> seqs[2][at];
            default -> seqs[kind][at] + s * 4096.0;
        };
    }

    private static int mixedKind(int field) {
        if (field < 8) {
            return 0;
        }
        if (field < 18) {
            return 1;
        }
        return field < 34 ? 2 : 3;
    }

    /** CPU ns (stored as seconds, times 1e-9, as the mapper scales them): 5 ms to 400 ms a second, bursty. */
    private static long[] counterNs(SplittableRandom r) {
        long[] v = new long[L];
        long ns = 3_600_000_000_000L;
        for (int i = 0; i < L; i++) {
            ns += r.nextInt(10) == 0 ? r.nextLong(100_000_000L, 400_000_000L) : r.nextLong(5_000_000L, 40_000_000L);
            v[i] = ns;
        }
        return v;
    }

    /** Memory bytes: 200 MB wobbling by a few pages, drifting now and then. */
    private static double[] gauge(SplittableRandom r) {
        double[] v = new double[L];
        long m = 200L << 20;
        for (int i = 0; i < L; i++) {
            int pages = r.nextInt(4) == 0 ? 0 : r.nextInt(-16, 17);
            if (r.nextInt(100) == 0) {
                pages += r.nextInt(-2_000, 2_001);
            }
            m = Math.max(1L << 20, m + 4096L * pages);
            v[i] = m;
        }
        return v;
    }

    /** A limit: 512 MiB, never changing. */
    private static double[] constant() {
        double[] v = new double[L];
        java.util.Arrays.fill(v, 512.0 * 1024 * 1024);
        return v;
    }

    /** A small integer gauge (threads, tasks), changing once in a while. */
    private static double[] rare(SplittableRandom r) {
        double[] v = new double[L];
        int n = 12;
        for (int i = 0; i < L; i++) {
            if (r.nextInt(30) == 0) {
                n = Math.max(1, n + r.nextInt(-2, 3));
            }
            v[i] = n;
        }
        return v;
    }

    @Benchmark
    public boolean append() {
        int s = series++;
        boolean ok = appending.append(s, time(s, tick), value(s, tick));
        if (series == APPEND_SERIES) {
            series = 0;
            tick++;
            long now = START + 1_000L * tick;
            if (now - lastTrim >= 60_000) {
                appending.trim();
                lastTrim = now;
            }
        }
        return ok;
    }

    @Benchmark
    public double readTwoHours() {
        return sum(full.cursor(7, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Benchmark
    public double readLastFiveMinutes() {
        long end = START + 1_000L * TWO_HOURS;
        return sum(full.cursor(7, end - 300_000, end));
    }

    private static double sum(SampleCursor c) {
        double s = 0;
        while (c.next()) {
            s += c.value() + c.timestamp();
        }
        return s;
    }
}
