package dev.hindsight.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.codec.ScaledIntegers;
import dev.hindsight.storage.select.SampleCursor;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** Every sample written comes back bit-exact, whatever the timestamps and values. */
class ChunkRoundTripTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final double[] SPECIAL = {
        Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L),
        Double.longBitsToDouble(0x7fffffffffffffffL), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_NORMAL, 1.0, -1.0, 1e300, -1e-300, 9007199254740993.0,
    };

    /** Appends every sample to one series of a fresh head and checks a full read returns them. */
    static void assertRoundTrip(long[] ts, double[] vs) {
        Head head = new Head(Long.MAX_VALUE / 4);
        for (int i = 0; i < ts.length; i++) {
            assertThat(head.append(5, ts[i], vs[i])).as("append %d", i).isTrue();
        }
        assertReads(head.cursor(5, Long.MIN_VALUE, Long.MAX_VALUE), ts, vs, 0, ts.length);
        assertThat(head.sampleCount()).isEqualTo(ts.length);
    }

    /** The cursor yields exactly samples [from, to) of (ts, vs), values compared by raw bits. */
    static void assertReads(SampleCursor c, long[] ts, double[] vs, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(c.next()).as("sample %d of [%d, %d)", i, from, to).isTrue();
            assertThat(c.timestamp()).as("time of sample %d", i).isEqualTo(ts[i]);
            assertThat(Double.doubleToRawLongBits(c.value())).as("bits of sample %d (%s)", i, vs[i])
                    .isEqualTo(Double.doubleToRawLongBits(vs[i]));
        }
        assertThat(c.next()).as("no sample after %d", to).isFalse();
        assertThat(c.hasCurrent()).isFalse();
    }

    static long[] times(int n, long start, LongUnaryOperator step) {
        long[] ts = new long[n];
        long t = start;
        for (int i = 0; i < n; i++) {
            ts[i] = t;
            t += step.applyAsLong(i);
        }
        return ts;
    }

    private static double randomValue(SplittableRandom r, double prev) {
        return switch (r.nextInt(8)) {
            case 0 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong()); // any bits, NaN payloads included
            case 2 -> prev; // equal run
            case 3 -> prev + r.nextInt(1_000_000); // counter-like
            case 4 -> (double) r.nextInt(100); // small integers
            case 5 -> r.nextDouble() * Math.pow(10, r.nextInt(-300, 300)); // big jumps
            case 6 -> -prev;
            default -> prev + r.nextGaussian();
        };
    }

    @Test
    void randomRegularAndIrregularSeriesRoundTrip() {
        SplittableRandom seeds = new SplittableRandom(20261127);
        for (int round = 0; round < 300; round++) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(1, 2_000);
            long[] ts = switch (round % 4) {
                case 0 -> times(n, T0, i -> 1_000 + r.nextInt(-5, 6)); // 1 s with jitter
                case 1 -> times(n, T0, i -> 10_000); // exactly regular
                case 2 -> times(n, r.nextLong(-1L << 50, 1L << 50), i -> 1 + r.nextLong(1L << r.nextInt(1, 40)));
                default -> times(n, T0, i -> r.nextInt(20) == 0 ? r.nextLong(1, 100_000_000) : 1_000);
            };
            double[] vs = new double[n];
            double prev = 0;
            for (int i = 0; i < n; i++) {
                prev = randomValue(r, prev);
                vs[i] = prev;
            }
            try {
                assertRoundTrip(ts, vs);
            } catch (AssertionError e) {
                throw new AssertionError("round " + round + " seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void deltaOfDeltaBucketEdgesRoundTrip() {
        java.util.List<Long> dods = new java.util.ArrayList<>(java.util.List.of(0L, 1L, -1L, 1L << 40, -(1L << 40)));
        for (int width : ChunkWriter.DOD_BITS) {
            long half = 1L << (width - 1);
            dods.addAll(java.util.List.of(half - 1, -half, half, -half - 1));
        }
        for (long dod : dods) {
            long[] ts = new long[6];
            ts[0] = T0;
            ts[1] = T0 + (1L << 41);
            long delta = 1L << 41;
            for (int i = 2; i < ts.length; i++) {
                delta += i % 2 == 0 ? dod : -dod; // up and back down: stays increasing
                ts[i] = ts[i - 1] + delta;
            }
            double[] vs = {1, 2, 3, 4, 5, 6};
            assertRoundTrip(ts, vs);
        }
    }

    @Test
    void extremeTimestampsRoundTrip() {
        long[] ts = {Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        double[] vs = {1, 2, 3, 4, 5, 6, 7};
        assertRoundTrip(ts, vs);
    }

    @Test
    void specialValuesInEveryOrderRoundTrip() {
        int n = SPECIAL.length * SPECIAL.length * 2;
        long[] ts = times(n, T0, i -> 1_000);
        double[] vs = new double[n];
        int k = 0;
        for (double a : SPECIAL) {
            for (double b : SPECIAL) {
                vs[k++] = a;
                vs[k++] = b;
            }
        }
        assertRoundTrip(ts, vs);
    }

    @Test
    void cadvisorShapedSeriesRoundTripAndCompress() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 7_200;
        long[] ts = times(n, T0, i -> 1_000 + r.nextInt(-3, 4));
        double[] cpu = new double[n];
        double[] mem = new double[n];
        double[] limit = new double[n];
        double c = 3.6e12;
        double m = 200 << 20;
        for (int i = 0; i < n; i++) {
            c += r.nextLong(5_000_000, 400_000_000);
            m += 4096 * r.nextInt(-16, 17);
            cpu[i] = c;
            mem[i] = m;
            limit[i] = 512 << 20;
        }
        assertRoundTrip(ts, cpu);
        assertRoundTrip(ts, mem);
        assertRoundTrip(ts, limit);
        // the point of the encoding: well under the 16 bytes of a plain (long, double) pair
        assertThat(bytesPerSample(ts, limit)).isLessThan(1.5);
        assertThat(bytesPerSample(ts, mem)).isLessThan(5.0);
        assertThat(bytesPerSample(ts, cpu)).isLessThan(8.0);
    }

    @Test
    void scaledIntegerValuesRoundTrip() {
        SplittableRandom seeds = new SplittableRandom(53);
        for (int round = 0; round < 200; round++) {
            long seed = seeds.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(2, 1_000);
            long[] ts = times(n, T0, i -> 1_000);
            double[] vs = new double[n];
            int k = r.nextInt(ScaledIntegers.FACTORS.length);
            long x = r.nextInt(4) == 0 ? r.nextLong(-(1L << 53), 1L << 53) : r.nextLong(1L << 45);
            for (int i = 0; i < n; i++) {
                x = switch (r.nextInt(12)) {
                    case 0 -> 0; // a counter reset
                    case 1 -> x + r.nextLong(-(1L << 40), 1L << 40);
                    case 2 -> (1L << 53) - r.nextInt(3); // the edge of exact integers
                    case 3 -> -(1L << 53) + r.nextInt(3);
                    default -> x + r.nextLong(1L << r.nextInt(1, 32));
                };
                x = Math.max(-(1L << 53), Math.min(1L << 53, x));
                vs[i] = switch (r.nextInt(20)) {
                    case 0 -> Double.NaN;
                    case 1 -> -0.0;
                    case 2 -> x * ScaledIntegers.FACTORS[r.nextInt(ScaledIntegers.FACTORS.length)]; // another scale
                    case 3 -> Math.nextUp(x * ScaledIntegers.FACTORS[k]); // almost, not quite
                    default -> x * ScaledIntegers.FACTORS[k];
                };
            }
            try {
                assertRoundTrip(ts, vs);
            } catch (AssertionError e) {
                throw new AssertionError("round " + round + " seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void scaledIntegersAreFoundOnlyWhenExact() {
        assertThat(ScaledIntegers.toInteger(123_456_789_012L * 1e-9, 1)).isEqualTo(123_456_789_012L);
        assertThat(ScaledIntegers.toInteger(1_500 * 1e-6, 2)).isEqualTo(1_500);
        assertThat(ScaledIntegers.toInteger(42.0, 0)).isEqualTo(42);
        assertThat(ScaledIntegers.toInteger(0.1, 0)).isEqualTo(ScaledIntegers.NONE);
        assertThat(ScaledIntegers.toInteger(-0.0, 0)).as("-0.0 would come back as 0.0").isEqualTo(ScaledIntegers.NONE);
        assertThat(ScaledIntegers.toInteger(Double.NaN, 1)).isEqualTo(ScaledIntegers.NONE);
        assertThat(ScaledIntegers.toInteger(Double.POSITIVE_INFINITY, 0)).isEqualTo(ScaledIntegers.NONE);
        assertThat(ScaledIntegers.toInteger(0x1p60, 0)).isEqualTo(ScaledIntegers.NONE);
        assertThat(ScaledIntegers.toInteger(Math.nextUp(7 * 1e-9), 1)).isEqualTo(ScaledIntegers.NONE);
    }

    @Test
    void cpuSecondsFromNanosecondsCompressAsIntegers() {
        SplittableRandom r = new SplittableRandom(8);
        int n = 7_200;
        long[] ts = times(n, T0, i -> 1_000);
        double[] seconds = new double[n];
        double[] random = new double[n];
        long ns = 3_600_000_000_000L;
        for (int i = 0; i < n; i++) {
            ns += r.nextLong(5_000_000, 40_000_000);
            seconds[i] = ns * 1e-9;
            random[i] = seconds[i] + r.nextDouble() * 1e-9; // the same size, not a scaled integer
        }
        assertRoundTrip(ts, seconds);
        assertRoundTrip(ts, random);
        // a 25-bit difference plus 11 bits of header against about 40 bits of XOR
        assertThat(bytesPerSample(ts, seconds)).isLessThan(4.8);
        assertThat(bytesPerSample(ts, random)).isGreaterThan(bytesPerSample(ts, seconds) + 1.0);
    }

    @Test
    void counterDifferencesThatFitTheScaledWindowTakeTheShortPrefix() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 7_200;
        long[] ts = times(n, T0, i -> 1_000);
        double[] seconds = new double[n];
        long ns = 3_600_000_000_000L;
        for (int i = 0; i < n; i++) {
            ns += r.nextInt(10) == 0 ? r.nextLong(100_000_000, 400_000_000) : r.nextLong(5_000_000, 40_000_000);
            seconds[i] = ns * 1e-9;
        }
        assertRoundTrip(ts, seconds);
        // about 26 bits of difference after a 2-bit prefix most of the time, not 11 bits of
        // header every time (4.2 bytes a sample of streams; 11 + 26 + 1 bits would be 4.75)
        assertThat(bytesPerSample(ts, seconds)).isLessThan(4.3);
    }

    @Test
    void scaledAndXorWindowsAlternatingRoundTrip() {
        SplittableRandom r = new SplittableRandom(10);
        int n = 3_000;
        long[] ts = times(n, T0, i -> 1_000);
        double[] vs = new double[n];
        long ns = 1_000_000_000L;
        for (int i = 0; i < n; i++) {
            ns += r.nextLong(1, 1L << r.nextInt(1, 40));
            int run = (i / (1 + i % 7)) % 4;
            vs[i] = switch (run) {
                case 0 -> ns * 1e-9; // scaled: windows of any length
                case 1 -> r.nextGaussian(); // XOR windows right after scaled ones
                case 2 -> (double) (ns >>> 3); // integers at scale 1
                default -> i % 2 == 0 ? ns * 1e-6 : ns * 1e-3; // scales that change under the window
            };
        }
        assertRoundTrip(ts, vs);
        Head head = new Head(Long.MAX_VALUE / 4);
        for (int i = 0; i < n; i++) {
            head.append(5, ts[i], vs[i]);
        }
        for (int i = n - 2 * Chunk.CAPACITY; i < n; i++) { // reads that start at the two newest chunks' marks
            assertReads(head.cursor(5, ts[i], Long.MAX_VALUE), ts, vs, i, n);
        }
    }

    /** Stream bytes per sample of one series held as sealed and open chunks. */
    static double bytesPerSample(long[] ts, double[] vs) {
        HeadSeries s = new HeadSeries(new StreamInterner(), null);
        for (int i = 0; i < ts.length; i++) {
            s.append(ts[i], vs[i]);
        }
        long bytes = 0;
        for (Chunk c : s.chunks) {
            bytes += 8L * (c.times.length + c.values.length);
        }
        return bytes / (double) ts.length;
    }

    @Test
    void fullChunksAreSealedToTheirExactSize() {
        HeadSeries s = new HeadSeries(new StreamInterner(), null);
        for (int i = 0; i < Chunk.CAPACITY * 2 + 1; i++) {
            s.append(T0 + 1_000L * i, 42.0);
        }
        Chunk[] cs = s.chunks;
        assertThat(cs).hasSize(3);
        // timestamps: the first delta (11110 + 14 bits), then 1 bit per dod of 0;
        // values: 64 bits of the first, then 1 bit per same value
        int timeBits = 19 + (Chunk.CAPACITY - 2);
        int valueBits = 64 + (Chunk.CAPACITY - 1);
        for (int k = 0; k < 2; k++) {
            assertThat(cs[k].times).hasSize((timeBits + 63) / 64);
            assertThat(cs[k].values).hasSize((valueBits + 63) / 64);
        }
        assertThat(cs[1].times).as("the same timestamp stream, shared").isSameAs(cs[0].times);
        assertThat(cs[1].values).as("the same value stream, shared").isSameAs(cs[0].values);
        assertThat(cs[0].count).isEqualTo(Chunk.CAPACITY);
        assertThat(cs[2].count).isEqualTo(1);
        assertThat(cs[1].firstTime).isEqualTo(T0 + 1_000L * Chunk.CAPACITY);
    }
}
