package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollupAccumulatorsTest {
    private final List<RollupBucket> out = new ArrayList<>();

    @Test
    void aggregatesOneBucket() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        acc.add(0, 1_000, 5, 1);
        acc.add(0, 4_000, 2, 2);
        acc.add(0, 9_999, 7, 3);
        assertThat(out).isEmpty();
        acc.add(0, 10_000, 8, 4);
        assertThat(out).containsExactly(new RollupBucket(0, 0, 3, 14, 2, 7, 7, 0 + 2 + 5));
    }

    @Test
    void counterIncreaseHandlesResetsAndCarriesAcrossBuckets() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        double[] values = {100, 110, 130, /* next bucket */ 135, 5, 20, /* next */ 25};
        long[] times = {0, 4_000, 8_000, 11_000, 14_000, 18_000, 21_000};
        for (int i = 0; i < values.length; i++) {
            acc.add(7, times[i], values[i], i);
        }
        acc.flushAll();
        assertThat(out).extracting(RollupBucket::counter).containsExactly(30.0, 5 + 5 + 15.0, 5.0);
        // the sum of increases equals the reset-adjusted increase over the whole series
        assertThat(out.stream().mapToDouble(RollupBucket::counter).sum()).isEqualTo(30 + 5 + 5 + 15 + 5);
        assertThat(out.get(1)).isEqualTo(new RollupBucket(7, 10_000, 3, 160, 5, 135, 20, 25));
    }

    @Test
    void addAllClosesTheSameBucketsAsOneByOneAdds() {
        List<RollupBucket> one = new ArrayList<>();
        RollupAccumulators byOne = new RollupAccumulators(10_000, 2_000, one::add);
        RollupAccumulators byAll = new RollupAccumulators(10_000, 2_000, out::add);
        int[] ids = {3, 0, 70, 1, 3};
        long[] times = new long[ids.length];
        double[] values = new double[ids.length];
        for (int rec = 0; rec < 200; rec++) {
            for (int i = 0; i < ids.length; i++) {
                times[i] = 4_000L * rec + i;
                values[i] = (rec * 7 + i) % 13;
                byOne.add(ids[i], times[i], values[i], rec);
            }
            byAll.addAll(ids, times, values, ids.length, rec);
        }
        byOne.flushAll();
        byAll.flushAll();
        assertThat(out).hasSizeGreaterThan(4 * 70).isEqualTo(one);
        assertThat(byAll.lateCount()).isEqualTo(byOne.lateCount());
        assertThat(byAll.resumeRawIndex()).isEqualTo(byOne.resumeRawIndex());
    }

    @Test
    void aForgottenSeriesIdStartsLikeANewSeries() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        acc.add(3, 0, 100, 0);
        acc.add(3, 50_000, 900, 1); // closes [0, 10 s)
        acc.add(4, 50_000, 1, 1);
        acc.forget(id -> id == 3); // retired; its open bucket [50 s, 60 s) is dropped with it
        acc.add(3, 20_000, 40, 2); // before the old series' last sample, but a new series
        acc.add(3, 25_000, 45, 3);
        acc.flushAll();
        assertThat(out).containsExactly(
            new RollupBucket(3, 0, 1, 100, 100, 100, 100, 0),
            new RollupBucket(3, 20_000, 2, 85, 40, 45, 45, 5), // no increase carried from 900
            new RollupBucket(4, 50_000, 1, 1, 1, 1, 1, 0));
        assertThat(acc.lateCount()).isZero();
    }

    @Test
    void forgettingAnOpenBucketLeavesTheWatermarkClosingTheOthers() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        acc.add(1, 1_000, 1, 0);
        acc.add(2, 1_000, 2, 0);
        acc.add(3, 11_000, 3, 1); // closes [0, 10 s) of series 1 and 2 by watermark
        acc.forget(id -> id == 3); // its open bucket [10 s, 20 s) is dropped
        acc.add(1, 12_000, 4, 2);
        acc.add(2, 25_000, 5, 3); // watermark 25 s: series 1's [10 s, 20 s) is due
        assertThat(out).extracting(RollupBucket::seriesId, RollupBucket::startMs)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0L), org.assertj.core.groups.Tuple.tuple(2, 0L),
                org.assertj.core.groups.Tuple.tuple(1, 10_000L));
    }

    @Test
    void rowsShrinkBackAndGrowAgain() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        for (int id = 0; id < 100; id++) {
            acc.add(id, 1_000, id, 0);
        }
        acc.flushAll();
        out.clear();
        acc.forget(id -> id >= 10);
        acc.shrinkTo(10);
        acc.add(5, 2_000, 1, 1); // an id kept: its time still rules
        acc.add(50, 500, 2, 1); // an id given up: grows the rows again, fresh
        acc.flushAll();
        assertThat(acc.lateCount()).isEqualTo(1);
        assertThat(out).containsExactly(new RollupBucket(50, 0, 1, 2, 2, 2, 2, 0));
    }

    @Test
    void watermarkClosesQuietSeries() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 2_000, out::add);
        acc.add(1, 3_000, 1, 0);
        acc.add(2, 3_000, 1, 0);
        acc.add(2, 11_000, 1, 1); // closes series 2's first bucket only
        assertThat(out).extracting(RollupBucket::seriesId).containsExactly(2);
        acc.add(2, 11_999, 1, 2);
        assertThat(out).hasSize(1); // watermark 11.999 - grace 2 < 10
        acc.add(2, 12_000, 1, 3);
        assertThat(out).extracting(RollupBucket::seriesId).containsExactly(2, 1);
        assertThat(out.get(1).startMs()).isEqualTo(0);
    }

    @Test
    void lateAndDuplicateSamplesAreDroppedNotDoubleCounted() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        acc.add(0, 5_000, 1, 0);
        acc.add(0, 5_000, 1, 1);   // duplicate
        acc.add(0, 15_000, 2, 2);  // closes [0,10s)
        acc.add(0, 7_000, 3, 3);   // clock stepped back into a closed bucket
        acc.add(0, 14_000, 3, 4);  // back in time inside the open bucket
        acc.add(0, 16_000, 4, 5);
        acc.flushAll();
        assertThat(acc.lateCount()).isEqualTo(3);
        assertThat(out).containsExactly(new RollupBucket(0, 0, 1, 1, 1, 1, 1, 0),
            new RollupBucket(0, 10_000, 2, 6, 2, 4, 4, 3));
    }

    @Test
    void negativeTimestampsBucketByFloor() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 0, out::add);
        acc.add(0, -1, 1, 0);
        acc.flushAll();
        assertThat(out.get(0).startMs()).isEqualTo(-10_000);
    }

    @Test
    void resumeIndexPointsAtTheOldestOpenBucket() {
        RollupAccumulators acc = new RollupAccumulators(10_000, 100_000, out::add);
        acc.add(0, 1_000, 1, 10);
        acc.add(1, 2_000, 1, 11);
        acc.add(0, 12_000, 1, 12);
        assertThat(acc.resumeRawIndex()).isEqualTo(11);
        acc.add(1, 13_000, 1, 13);
        assertThat(acc.resumeRawIndex()).isEqualTo(12);
        acc.flushAll();
        assertThat(acc.resumeRawIndex()).isEqualTo(14);
    }
}
