package dev.hindsight.storage.head;

import static dev.hindsight.storage.head.ChunkRoundTripTest.assertReads;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Trim drops whole chunks wholly older than the window and keeps every sample inside it. */
class HeadTrimTest {
    @Test
    void trimDropsExactlyTheChunksEndingBeforeTheCutoff() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 50; round++) {
            long window = 1_000 + r.nextInt(500_000);
            Head head = new Head(window);
            int n = r.nextInt(1, 3_000);
            long[] ts = ChunkRoundTripTest.times(n, 1_000_000, i -> 1 + r.nextInt(2_000));
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                vs[i] = r.nextInt(3) == 0 ? Double.NaN : i * 1.5;
                head.append(2, ts[i], vs[i]);
            }
            head.trim();
            long cutoff = ts[n - 1] - window;
            // chunk k holds samples [k * CAPACITY, (k + 1) * CAPACITY): the first kept chunk is the
            // first whose last sample is at or after the cutoff
            int firstKept = 0;
            while (firstKept + Chunk.CAPACITY < n && ts[firstKept + Chunk.CAPACITY - 1] < cutoff) {
                firstKept += Chunk.CAPACITY;
            }
            assertReads(head.cursor(2, Long.MIN_VALUE, Long.MAX_VALUE), ts, vs, firstKept, n);
            assertThat(head.sampleCount()).isEqualTo(n - firstKept);
            assertThat(head.minTime(2)).isEqualTo(ts[firstKept]);
            assertThat(head.minTime()).isEqualTo(Math.max(ts[0], cutoff));
        }
    }

    @Test
    void repeatedTrimsKeepTheWindowCompleteAndTheHeadBounded() {
        Head head = new Head(600_000);
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            t += 1_000;
            head.append(i % 4, t, i);
            if (i % 60 == 0) {
                head.trim();
            }
        }
        head.trim();
        for (int s = 0; s < 4; s++) {
            assertThat(head.minTime(s)).isLessThanOrEqualTo(t - 600_000);
            assertThat(head.minTime(s)).isGreaterThan(t - 600_000 - 4_000L * Chunk.CAPACITY);
        }
        assertThat(head.sampleCount()).isLessThanOrEqualTo(4L * (600 / 4 + 2 * Chunk.CAPACITY));
    }

    @Test
    void aNewSeriesStartsSmall() {
        HeadSeries s = new HeadSeries(new StreamInterner(), null);
        s.append(1_000, 1.0);
        assertThat(s.chunks).hasSize(1);
        assertThat(s.chunks[0].times.length + s.chunks[0].values.length).isLessThanOrEqualTo(5);
    }
}
