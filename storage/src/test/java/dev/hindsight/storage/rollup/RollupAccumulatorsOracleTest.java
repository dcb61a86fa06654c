package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row-per-series accumulators against a plain transcription of the aggregation rules
 * (one field per array, as the accumulators were written before their state was interleaved):
 * random series with resets, NaNs, repeated and late timestamps, quiet series closed by the
 * watermark, and restored carries must give bit-for-bit the same buckets, in the same order,
 * whether the sink takes objects or primitives.
 */
class RollupAccumulatorsOracleTest {

    @Test
    void interleavedRowsEqualTheOracleBitForBit() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long res = new long[] {10_000, 60_000, 3_600_000}[(int) (seed % 3)];
            long grace = r.nextInt(3) * 5_000L;
            List<RollupBucket> objects = new ArrayList<>();
            List<RollupBucket> primitives = new ArrayList<>();
            List<RollupBucket> expected = new ArrayList<>();
            RollupAccumulators a = new RollupAccumulators(res, grace, objects::add);
            RollupAccumulators b = new RollupAccumulators(res, grace, new BucketSink() {
                @Override
                public void emit(RollupBucket bucket) {
                    throw new AssertionError("the accumulators should call the primitive emit");
                }

                @Override
                public void emit(int id, long start, int count, double sum, double min, double max, double last,
                                 double counter) {
                    primitives.add(new RollupBucket(id, start, count, sum, min, max, last, counter));
                }
            });
            Oracle o = new Oracle(res, grace, expected::add);
            for (int s = 0; s < 5; s++) {
                if (r.nextBoolean()) {
                    long closed = 1_700_000_000_000L - r.nextInt(3) * res;
                    double carry = r.nextInt(4) == 0 ? Double.NaN : r.nextInt(1000);
                    a.restoreClosed(s, closed, carry);
                    b.restoreClosed(s, closed, carry);
                    o.restoreClosed(s, closed, carry);
                }
            }
            long t = 1_700_000_000_000L;
            double[] value = new double[40];
            for (int i = 0; i < 20_000; i++) {
                int s = r.nextInt(40);
                t += r.nextInt(10) == 0 ? -r.nextInt(20_000) : r.nextInt(3_000);
                double v = switch (r.nextInt(200)) {
                    case 0, 4, 5, 6, 7, 8, 9 -> 0; // a reset
                    case 1 -> Double.NaN;
                    case 2, 10 -> -0.0;
                    case 3, 11, 12 -> r.nextDouble() * 1e-9;
                    default -> value[s] + r.nextInt(500) * 0.1;
                };
                value[s] = Double.isNaN(v) ? value[s] : v;
                a.add(s, t, v, i);
                b.add(s, t, v, i);
                o.add(s, t, v, i);
                if (r.nextInt(5_000) == 0) {
                    a.flushBefore(t);
                    b.flushBefore(t);
                    o.flushBefore(t);
                }
            }
            assertThat(a.resumeRawIndex()).isEqualTo(o.resumeRawIndex());
            for (int s = 0; s < 40; s++) {
                assertThat(a.closedUpTo(s)).isEqualTo(o.closedUpTo[s]);
                assertThat(Double.doubleToRawLongBits(a.carriedValue(s)))
                    .isEqualTo(Double.doubleToRawLongBits(o.closedLast[s]));
            }
            a.flushAll();
            b.flushAll();
            o.flushAll();
            assertThat(a.lateCount()).isEqualTo(o.late).isPositive();
            assertThat(bits(objects)).isEqualTo(bits(expected)).isEqualTo(bits(primitives));
            assertThat(expected).hasSizeGreaterThan(60);
        }
    }

    /** Every bucket as its exact bits, so that -0.0, NaN and the last ulp count. */
    private static List<String> bits(List<RollupBucket> buckets) {
        List<String> out = new ArrayList<>();
        for (RollupBucket b : buckets) {
            out.add(b.seriesId() + "@" + b.startMs() + "#" + b.count() + " "
                + Long.toHexString(Double.doubleToRawLongBits(b.sum())) + " "
                + Long.toHexString(Double.doubleToRawLongBits(b.min())) + " "
                + Long.toHexString(Double.doubleToRawLongBits(b.max())) + " "
                + Long.toHexString(Double.doubleToRawLongBits(b.last())) + " "
                + Long.toHexString(Double.doubleToRawLongBits(b.counter())));
        }
        return out;
    }

    /** The aggregation rules, one array per field. */
    private static final class Oracle {
        private static final long NONE = Long.MIN_VALUE;
        private static final int N = 64;
        final long res;
        final long grace;
        final BucketSink sink;
        final long[] start = filled(NONE);
        final long[] closedUpTo = filled(NONE);
        final long[] firstRaw = filled(-1);
        final long[] lastTime = filled(NONE);
        final int[] count = new int[N];
        final double[] sum = new double[N];
        final double[] min = new double[N];
        final double[] max = new double[N];
        final double[] last = new double[N];
        final double[] counter = new double[N];
        final double[] prev = nan();
        final double[] closedLast = nan();
        long watermark = NONE;
        long flushedBefore = NONE;
        long late;
        long lastRawIndex = -1;

        Oracle(long res, long grace, BucketSink sink) {
            this.res = res;
            this.grace = grace;
            this.sink = sink;
        }

        private static long[] filled(long v) {
            long[] a = new long[N];
            Arrays.fill(a, v);
            return a;
        }

        private static double[] nan() {
            double[] a = new double[N];
            Arrays.fill(a, Double.NaN);
            return a;
        }

        void add(int s, long t, double v, long rawIndex) {
            lastRawIndex = Math.max(lastRawIndex, rawIndex);
            if (t < closedUpTo[s] || t <= lastTime[s]) {
                late++;
                return;
            }
            long b = Math.floorDiv(t, res) * res;
            if (start[s] != NONE && b != start[s]) {
                emit(s);
            }
            if (start[s] == NONE) {
                start[s] = b;
                count[s] = 0;
                sum[s] = 0;
                min[s] = Double.POSITIVE_INFINITY;
                max[s] = Double.NEGATIVE_INFINITY;
                counter[s] = 0;
                firstRaw[s] = rawIndex;
            }
            count[s]++;
            sum[s] += v;
            min[s] = Math.min(min[s], v);
            max[s] = Math.max(max[s], v);
            last[s] = v;
            double p = prev[s];
            if (!Double.isNaN(p)) {
                counter[s] += v < p ? v : v - p;
            }
            prev[s] = v;
            lastTime[s] = t;
            if (t > watermark) {
                watermark = t;
                long cutoff = Math.floorDiv(t - grace, res) * res;
                if (cutoff > flushedBefore) {
                    flushBefore(cutoff);
                }
            }
        }

        void flushBefore(long cutoff) {
            flushedBefore = Math.max(flushedBefore, cutoff);
            for (int s = 0; s < N; s++) {
                if (start[s] != NONE && start[s] + res <= cutoff) {
                    emit(s);
                }
            }
        }

        void flushAll() {
            for (int s = 0; s < N; s++) {
                if (start[s] != NONE) {
                    emit(s);
                }
            }
        }

        void emit(int s) {
            sink.emit(new RollupBucket(s, start[s], count[s], sum[s], min[s], max[s], last[s], counter[s]));
            closedUpTo[s] = start[s] + res;
            closedLast[s] = last[s];
            start[s] = NONE;
        }

        void restoreClosed(int s, long closed, double carried) {
            if (closed >= closedUpTo[s]) {
                closedUpTo[s] = closed;
                prev[s] = carried;
                closedLast[s] = carried;
            }
        }

        long resumeRawIndex() {
            long r = lastRawIndex + 1;
            for (int s = 0; s < N; s++) {
                if (start[s] != NONE && firstRaw[s] < r) {
                    r = firstRaw[s];
                }
            }
            return r;
        }
    }
}
