package dev.hindsight.storage.head;

import static dev.hindsight.storage.head.ChunkRoundTripTest.assertReads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Series stamped alike share their sealed timestamp streams, constant series their values; others keep their own. */
class StreamSharingTest {
    @Test
    void aContainersSeriesShareSealedTimestampsAndStillReadBackExactly() {
        SplittableRandom r = new SplittableRandom(17);
        int n = Chunk.CAPACITY * 3 + 50;
        int fields = 40;
        long[] containerA = ChunkRoundTripTest.times(n, 1_700_000_000_000L, i -> 1_000 + r.nextInt(-4, 5));
        long[] containerB = ChunkRoundTripTest.times(n, 1_700_000_000_123L, i -> 1_000 + r.nextInt(-4, 5));
        double[][] vs = new double[2 * fields][n];
        Head head = new Head(Long.MAX_VALUE / 4);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 2 * fields; s++) {
                vs[s][i] = s % 3 == 0 ? s : r.nextInt(1 << 20) * 4096.0;
                head.append(s, s < fields ? containerA[i] : containerB[i], vs[s][i]);
            }
        }
        for (int s = 0; s < 2 * fields; s++) {
            assertReads(head.cursor(s, Long.MIN_VALUE, Long.MAX_VALUE), s < fields ? containerA : containerB, vs[s], 0, n);
        }
        HeadSeries[] series = series(head, 2 * fields);
        for (int k = 0; k < 3; k++) {
            long[] a = series[0].chunks[k].times;
            long[] b = series[fields].chunks[k].times;
            assertThat(b).isNotSameAs(a);
            for (int s = 1; s < fields; s++) {
                assertThat(series[s].chunks[k].times).as("series %d chunk %d", s, k).isSameAs(a);
                assertThat(series[fields + s].chunks[k].times).as("series %d chunk %d", fields + s, k).isSameAs(b);
            }
        }
        // the open chunks keep their own streams
        assertThat(series[1].chunks[3].times).isNotSameAs(series[0].chunks[3].times);
    }

    @Test
    void aSeriesThatMissedASampleStopsSharingButReadsBackExactly() {
        int n = Chunk.CAPACITY * 2;
        long[] ts = ChunkRoundTripTest.times(n, 0, i -> 1_000);
        double[] vs = new double[n];
        Head head = new Head(Long.MAX_VALUE / 4);
        for (int i = 0; i < n; i++) {
            vs[i] = i;
            head.append(0, ts[i], i);
            if (i != 100) {
                head.append(1, ts[i], i);
            }
        }
        HeadSeries[] series = series(head, 2);
        assertThat(series[1].chunks[0].times).isNotSameAs(series[0].chunks[0].times);
        assertReads(head.cursor(0, Long.MIN_VALUE, Long.MAX_VALUE), ts, vs, 0, n);
        assertReadsAllBut(head.cursor(1, Long.MIN_VALUE, Long.MAX_VALUE), ts, vs, 100);
    }

    @Test
    void constantSeriesShareSealedValueStreamsAcrossContainers() {
        SplittableRandom r = new SplittableRandom(23);
        int n = Chunk.CAPACITY * 2 + 1;
        Head head = new Head(Long.MAX_VALUE / 4);
        double[] constant = {0.0, 0.0, 0.0, 512.0 * 1024 * 1024, -0.0};
        double counter = 0;
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < constant.length; s++) {
                head.append(s, 1_000_000L * s + 1_000L * i + r.nextInt(4), constant[s]);
            }
            counter += r.nextInt(1, 1 << 30);
            head.append(9, 1_000L * i, counter);
        }
        HeadSeries[] series = series(head, 10);
        for (int k = 0; k < 2; k++) {
            long[] zeros = series[0].chunks[k].values;
            assertThat(series[1].chunks[k].values).isSameAs(zeros);
            assertThat(series[2].chunks[k].values).isSameAs(zeros);
            assertThat(series[3].chunks[k].values).isNotSameAs(zeros);
            assertThat(series[4].chunks[k].values).as("-0.0 is not 0.0").isNotSameAs(zeros);
            assertThat(series[9].chunks[k].values.length).isGreaterThan(ChunkWriter.SHARED_VALUE_WORDS);
        }
        assertThat(series[0].chunks[1].values).as("both chunks of the same constant").isSameAs(series[0].chunks[0].values);
        for (int s = 0; s < constant.length; s++) {
            dev.hindsight.storage.select.SampleCursor c = head.cursor(s, Long.MIN_VALUE, Long.MAX_VALUE);
            int count = 0;
            while (c.next()) {
                assertThat(Double.doubleToRawLongBits(c.value())).isEqualTo(Double.doubleToRawLongBits(constant[s]));
                count++;
            }
            assertThat(count).isEqualTo(n);
        }
    }

    @Test
    void longIrregularTimestampStreamsAreNotInterned() {
        SplittableRandom r = new SplittableRandom(31);
        int n = Chunk.CAPACITY + 1;
        long[] ts = ChunkRoundTripTest.times(n, 0, i -> r.nextLong(1, 1L << 22));
        double[] vs = new double[n];
        Head head = new Head(Long.MAX_VALUE / 4);
        for (int i = 0; i < n; i++) {
            head.append(0, ts[i], 1);
            head.append(1, ts[i], 1);
            vs[i] = 1;
        }
        HeadSeries[] series = series(head, 2);
        assertThat(series[0].chunks[0].times.length).isGreaterThan(ChunkWriter.SHARED_TIME_WORDS);
        assertThat(series[1].chunks[0].times).isNotSameAs(series[0].chunks[0].times).isEqualTo(series[0].chunks[0].times);
        assertReads(head.cursor(1, Long.MIN_VALUE, Long.MAX_VALUE), ts, vs, 0, n);
    }

    private static HeadSeries[] series(Head head, int n) {
        HeadSeries[] out = new HeadSeries[n];
        for (int s = 0; s < n; s++) {
            out[s] = head.series(s);
        }
        return out;
    }

    /** Reads a series that has every sample but one. */
    private static void assertReadsAllBut(SampleCursor c, long[] ts, double[] vs, int missing) {
        for (int i = 0; i < ts.length; i++) {
            if (i != missing) {
                assertThat(c.next()).isTrue();
                assertThat(c.timestamp()).isEqualTo(ts[i]);
                assertThat(c.value()).isEqualTo(vs[i]);
            }
        }
        assertThat(c.next()).isFalse();
    }
}
