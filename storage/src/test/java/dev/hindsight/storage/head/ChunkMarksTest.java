package dev.hindsight.storage.head;

import static dev.hindsight.storage.head.ChunkRoundTripTest.assertReads;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.codec.ScaledIntegers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A cursor that starts inside one of a series' two newest chunks resumes from the chunk's
 * last mark before its start (older chunks drop their marks and decode from their start):
 * from every start time, around every mark, it reads exactly the samples a full decode
 * would, for every kind of value encoding (equal, XOR windows, scaled integers, any bits).
 */
class ChunkMarksTest {
    private static final int N = Chunk.CAPACITY * 3 + Chunk.MARK_EVERY * 2 + 5; // the open chunk has marks too

    @Test
    void everyStartTimeReadsExactlyTheSamplesFromThere() {
        for (long seed = 1; seed <= 4; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long[] ts = new long[N];
            double[] vs = new double[N];
            Head head = new Head(Long.MAX_VALUE / 4);
            long t = 1_000_000;
            long nanos = 5_000_000_000L;
            for (int i = 0; i < N; i++) {
                t += seed == 1 ? 10_000 : 1 + r.nextInt(20_000); // regular, then jittered and sparse
                nanos += r.nextInt(40_000_000);
                ts[i] = t;
                vs[i] = switch ((int) ((i / 37 + seed) % 5)) {
                    case 0 -> nanos * 1e-9; // CPU seconds: scaled integers
                    case 1 -> i > 0 ? vs[i - 1] : 1; // equal runs
                    case 2 -> r.nextGaussian() * 100; // XOR windows that move
                    case 3 -> Double.longBitsToDouble(r.nextLong()); // any bits
                    default -> (double) r.nextInt(1 << 20); // integers
                };
                assertThat(head.append(1, ts[i], vs[i])).isTrue();
            }
            Chunk[] chunks = head.series(1).chunks;
            assertThat(chunks).hasSize(4);
            assertThat(chunks[0].marks).as("third newest chunk").isNull();
            assertThat(chunks[1].marks).as("third newest chunk").isNull();
            assertThat(chunks[2].marks).as("last sealed chunk").isNotNull();
            assertThat(chunks[3].marks).as("open chunk").isNotNull();
            for (int i = 0; i < N; i++) {
                assertReads(head.cursor(1, ts[i], Long.MAX_VALUE), ts, vs, i, N);
                assertReads(head.cursor(1, ts[i] + 1, ts[N - 1]), ts, vs, i + 1, N);
                if (i % Chunk.MARK_EVERY <= 1 || i % Chunk.MARK_EVERY == Chunk.MARK_EVERY - 1) {
                    assertReads(head.cursor(1, ts[i] - 1, ts[Math.min(N - 1, i + 3)]), ts, vs, i, Math.min(N, i + 4));
                    var c = head.cursor(1, ts[0], Long.MAX_VALUE);
                    assertThat(c.seek(ts[i])).isTrue();
                    assertThat(c.timestamp()).isEqualTo(ts[i]);
                    assertReads(c, ts, vs, i + 1, N);
                }
            }
        }
    }

    @Test
    void roundIsMathRoundUpToTwoToThe53() {
        double[] edges = {0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
            0x1p52, 0x1p52 + 1, -0x1p52 - 1, 0x1p53, -0x1p53, 0x1p52 - 0.5, -0x1p52 + 0.5, 4503599627370495.5};
        for (double x : edges) {
            assertThat(ScaledIntegers.round(x)).as("round(%s)", x).isEqualTo(Math.round(x));
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double x = switch (i % 3) {
                case 0 -> r.nextDouble(-0x1p53, 0x1p53);
                case 1 -> r.nextLong(-1L << 40, 1L << 40) + (r.nextInt(5) - 2) * 0.25;
                default -> r.nextLong(-(1L << 53), 1L << 53) * 1e-9 * 1e9;
            };
            assertThat(ScaledIntegers.round(x)).as("round(%s)", x).isEqualTo(Math.round(x));
        }
    }
}
