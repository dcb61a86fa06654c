package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Batches of records added series by series ({@link RollupAccumulators#addBySeries}) close the
 * same buckets, with the same contents, as the same records added one by one: random records
 * with jittered, late and jumping times, series that go quiet (closed by the watermark alone),
 * and series stamped behind the others by more than the grace (whose buckets the others' times
 * close before their later samples come, which are then late).
 */
class RollupAccumulatorsBySeriesTest {
    private static final Comparator<RollupBucket> BY_SERIES_AND_START =
        Comparator.comparingInt(RollupBucket::seriesId).thenComparingLong(RollupBucket::startMs);

    @Test
    void seriesBySeriesBatchesCloseTheBucketsRecordByRecordAddsClose() {
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long res = new long[] {10_000, 60_000, 3_600_000}[(int) (seed % 3)];
            long grace = 1_000L + r.nextInt(3) * 2_000L;
            List<RollupBucket> byRecord = new ArrayList<>();
            List<RollupBucket> bySeries = new ArrayList<>();
            RollupAccumulators a = new RollupAccumulators(res, grace, byRecord::add);
            RollupAccumulators b = new RollupAccumulators(res, grace, bySeries::add);
            List<long[]> times = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            long t = 1_700_000_000_000L;
            long raw = 0;
            for (int batch = 0; batch < 40; batch++) {
                times.clear();
                ids.clear();
                values.clear();
                int records = 1 + r.nextInt(400);
                for (int k = 0; k < records; k++) {
                    t += r.nextInt(8) == 0 ? -r.nextInt(4_000) : r.nextInt(20) == 0 ? 5 * res : r.nextInt(1_500);
                    int group = r.nextInt(4); // group 3 is stamped a few graces behind the others
                    long stamp = group == 3 ? t - 3 * grace - r.nextInt(500) : t;
                    int n = 1 + r.nextInt(6);
                    int[] rid = new int[n];
                    double[] rv = new double[n];
                    for (int i = 0; i < n; i++) {
                        rid[i] = group * 10 + i; // a record's ids ascend, as the mapper hands them out
                        rv[i] = r.nextInt(10) == 0 ? 0 : r.nextInt(1_000_000) / 8.0;
                    }
                    times.add(new long[] {stamp, raw++});
                    ids.add(rid);
                    values.add(rv);
                }
                for (int k = 0; k < records; k++) {
                    long[] tr = times.get(k);
                    int n = ids.get(k).length;
                    long[] ts = new long[n];
                    java.util.Arrays.fill(ts, tr[0]);
                    a.addAll(ids.get(k), ts, values.get(k), n, tr[1]);
                }
                addBySeries(b, times, ids, values);
                assertThat(b.watermark()).as("seed %d batch %d", seed, batch).isEqualTo(a.watermark());
                assertThat(b.lateCount()).as("seed %d batch %d", seed, batch).isEqualTo(a.lateCount());
                assertThat(b.resumeRawIndex()).as("seed %d batch %d", seed, batch).isEqualTo(a.resumeRawIndex());
                assertThat(sorted(bySeries)).as("seed %d batch %d", seed, batch).isEqualTo(sorted(byRecord));
            }
            a.flushAll();
            b.flushAll();
            assertThat(a.lateCount()).as("seed %d: some samples came late", seed).isPositive();
            assertThat(sorted(bySeries)).as("seed %d", seed).hasSizeGreaterThan(100).isEqualTo(sorted(byRecord));
        }
    }

    /** The records' samples sorted by series (stable), as the ingest's batch hands them over. */
    private static void addBySeries(RollupAccumulators acc, List<long[]> times, List<int[]> ids, List<double[]> values) {
        int records = times.size();
        long[] recordTimes = new long[records];
        long[] recordIndexes = new long[records];
        List<int[]> samples = new ArrayList<>(); // {series, record, position in record}
        for (int k = 0; k < records; k++) {
            recordTimes[k] = times.get(k)[0];
            recordIndexes[k] = times.get(k)[1];
            for (int i = 0; i < ids.get(k).length; i++) {
                samples.add(new int[] {ids.get(k)[i], k, i});
            }
        }
        samples.sort(Comparator.comparingInt(s -> s[0])); // stable: record order within a series
        int n = samples.size();
        int[] sid = new int[n];
        int[] recs = new int[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            int[] s = samples.get(i);
            sid[i] = s[0];
            recs[i] = s[1];
            vs[i] = values.get(s[1])[s[2]];
        }
        acc.addBySeries(sid, vs, recs, n, recordTimes, recordIndexes, records, -1);
    }

    private static List<RollupBucket> sorted(List<RollupBucket> buckets) {
        List<RollupBucket> out = new ArrayList<>(buckets);
        out.sort(BY_SERIES_AND_START);
        return out;
    }
}
