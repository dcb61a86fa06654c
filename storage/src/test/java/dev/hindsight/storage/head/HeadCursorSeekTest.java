package dev.hindsight.storage.head;

import static dev.hindsight.storage.head.ChunkRoundTripTest.assertReads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Cursor ranges and seeks land on the right sample at and around every chunk boundary. */
class HeadCursorSeekTest {
    private static final int N = Chunk.CAPACITY * 4 + 17;

    private final long[] ts = new long[N];
    private final double[] vs = new double[N];
    private final Head head = new Head(Long.MAX_VALUE / 4);

    HeadCursorSeekTest() {
        SplittableRandom r = new SplittableRandom(3);
        long t = 1_000;
        for (int i = 0; i < N; i++) {
            ts[i] = t;
            vs[i] = i % 7 == 0 ? Double.NaN : r.nextInt(1000) * 0.5;
            head.append(1, t, vs[i]);
            t += 10 + r.nextInt(3); // gaps of 10..12 ms, so t-1 and t+1 fall between samples
        }
    }

    /** Interesting times: every sample at a chunk edge, one before and one after, and the ends. */
    private long[] boundaryTimes() {
        TreeSet<Long> times = new TreeSet<>();
        times.add(Long.MIN_VALUE);
        times.add(Long.MAX_VALUE);
        for (int i = 0; i < N; i++) {
            int inChunk = i % Chunk.CAPACITY;
            if (inChunk <= 1 || inChunk >= Chunk.CAPACITY - 2 || i == N - 1 || i % 50 == 0) {
                times.add(ts[i] - 1);
                times.add(ts[i]);
                times.add(ts[i] + 1);
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** Index of the first sample at or after t (N when none). */
    private int firstAtOrAfter(long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 1;
    }

    /** Index just past the last sample at or before t. */
    private int pastLastAtOrBefore(long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Test
    void everyRangeBetweenBoundaryTimesReadsExactlyItsSamples() {
        long[] times = boundaryTimes();
        for (int a = 0; a < times.length; a += 3) {
            for (int b = a; b < times.length; b += 5) {
                int from = firstAtOrAfter(times[a]);
                int to = Math.max(from, pastLastAtOrBefore(times[b]));
                assertReads(head.cursor(1, times[a], times[b]), ts, vs, from, to);
            }
        }
    }

    @Test
    void seekToEveryBoundaryTimeLandsOnTheFirstSampleAtOrAfterIt() {
        for (long t : boundaryTimes()) {
            SampleCursor c = head.cursor(1, Long.MIN_VALUE, Long.MAX_VALUE);
            int expected = firstAtOrAfter(t);
            assertThat(c.seek(t)).as("seek %d", t).isEqualTo(expected < N);
            if (expected < N) {
                assertThat(c.timestamp()).isEqualTo(ts[expected]);
                assertThat(Double.doubleToRawLongBits(c.value())).isEqualTo(Double.doubleToRawLongBits(vs[expected]));
                assertReads(c, ts, vs, expected + 1, N);
            }
        }
    }

    @Test
    void successiveSeeksMoveForwardOnlyAndStopAtTheEnd() {
        SplittableRandom r = new SplittableRandom(11);
        long end = ts[N / 2];
        for (int round = 0; round < 300; round++) {
            long start = ts[0] + r.nextInt(100);
            SampleCursor c = head.cursor(1, start, end);
            int at = -1; // the model: index of the cursor's current sample
            for (int k = 0; k < 12; k++) {
                long t = ts[0] - 50 + r.nextLong(ts[N - 1] - ts[0] + 100);
                int expected = at >= 0 && ts[at] >= t ? at : firstAtOrAfter(Math.max(t, start));
                boolean moved = c.seek(t);
                if (expected >= N || ts[expected] > end) {
                    assertThat(moved).as("round %d seek %d to %d", round, k, t).isFalse();
                    assertThat(c.hasCurrent()).isFalse();
                    break;
                }
                assertThat(moved).as("round %d seek %d to %d", round, k, t).isTrue();
                assertThat(c.timestamp()).as("round %d seek %d to %d", round, k, t).isEqualTo(ts[expected]);
                at = expected;
            }
        }
    }

    @Test
    void aCursorNeverReturnsSamplesBeforeItsStartEvenAfterSeekingBackwards() {
        long start = ts[Chunk.CAPACITY + 3];
        SampleCursor c = head.cursor(1, start, Long.MAX_VALUE);
        assertThat(c.seek(0)).isTrue();
        assertThat(c.timestamp()).isEqualTo(start);
        assertThat(c.seek(ts[3 * Chunk.CAPACITY])).isTrue();
        assertThat(c.timestamp()).isEqualTo(ts[3 * Chunk.CAPACITY]);
        assertThat(c.seek(ts[Chunk.CAPACITY])).isTrue();
        assertThat(c.timestamp()).isEqualTo(ts[3 * Chunk.CAPACITY]);
        assertReads(c, ts, vs, 3 * Chunk.CAPACITY + 1, N);
        assertThat(c.seek(0)).isFalse();
    }

    @Test
    void emptyAndUnknownSeriesHaveNothingToSeek() {
        assertThat(head.cursor(0, Long.MIN_VALUE, Long.MAX_VALUE).seek(0)).isFalse();
        assertThat(head.cursor(1_000, Long.MIN_VALUE, Long.MAX_VALUE).next()).isFalse();
        assertThat(head.cursor(1, ts[N - 1] + 1, Long.MAX_VALUE).next()).isFalse();
        assertThat(head.cursor(1, ts[5], ts[4]).next()).isFalse();
    }
}
