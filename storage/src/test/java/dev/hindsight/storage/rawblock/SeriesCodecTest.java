package dev.hindsight.storage.rawblock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SeriesEncoder} and {@link SeriesDecoder} round-trip every sample bit for bit. */
class SeriesCodecTest {
    private record Sample(long t, long bits) {
    }

    private static List<Sample> roundTrip(long[] t, double[] v) {
        SeriesEncoder enc = new SeriesEncoder();
        for (int i = 0; i < t.length; i++) {
            enc.add(t[i], v[i]);
        }
        assertThat(enc.count()).isEqualTo(t.length);
        long[] words = java.util.Arrays.copyOf(enc.words(), enc.wordCount());
        List<Sample> out = new ArrayList<>();
        new SeriesDecoder().decode(words, enc.count(), 7, (id, time, value) -> {
            assertThat(id).isEqualTo(7);
            out.add(new Sample(time, Double.doubleToRawLongBits(value)));
        });
        return out;
    }

    private static List<Sample> expected(long[] t, double[] v) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            out.add(new Sample(t[i], Double.doubleToRawLongBits(v[i])));
        }
        return out;
    }

    @Test
    void oddValuesAndTimesRoundTrip() {
        long[] t = {1_700_000_000_000L, 1_700_000_010_000L, 1_700_000_010_000L, 1_700_000_005_000L, Long.MAX_VALUE,
            Long.MIN_VALUE, 0, 1, 2, 3, 10_000_000, 9_999_999};
        double[] v = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, -1e300, 1e-300, 123456789.0, 123456790.0,
            1.5e-9, Double.MIN_VALUE, -7, -7};
        assertThat(roundTrip(t, v)).isEqualTo(expected(t, v));
    }

    @Test
    void randomSeriesRoundTripAndRegularOnesAreSmall() {
        SplittableRandom r = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + r.nextInt(400);
            long[] t = new long[n];
            double[] v = new double[n];
            long time = r.nextLong();
            long counter = r.nextLong(1L << 40);
            int kind = r.nextInt(5);
            for (int i = 0; i < n; i++) {
                time += r.nextInt(10) == 0 ? r.nextLong() >> r.nextInt(64) : 10_000 + r.nextInt(5) - 2;
                t[i] = time;
                counter += r.nextInt(1_000_000);
                v[i] = switch (kind) {
                    case 0 -> counter; // bytes
                    case 1 -> counter * 1e-9; // CPU seconds
                    case 2 -> r.nextDouble() * 100; // a gauge
                    case 3 -> i % 7 == 0 ? r.nextLong() : Double.longBitsToDouble(r.nextLong()); // anything
                    default -> 1L << 30; // a spec
                };
            }
            assertThat(roundTrip(t, v)).as("round %d, kind %d", round, kind).isEqualTo(expected(t, v));
        }
        // a regular counter in bytes, 360 samples at 10 s: far below 16 bytes a sample
        SeriesEncoder enc = new SeriesEncoder();
        long c = 1L << 33;
        for (int i = 0; i < 360; i++) {
            c += 4096L * r.nextInt(256);
            enc.add(1_700_000_000_000L + 10_000L * i, c);
        }
        assertThat(enc.wordCount() * 8.0 / 360).isLessThan(3.5);
    }

    /**
     * Values that switch between scales, XOR-coded doubles and repeats within one series, some
     * scaled integers so large that neighbouring integers give the same double: the decoder
     * carries the integer of a scaled value to the next difference only while the scale holds.
     */
    @Test
    void seriesSwitchingScalesRoundTrip() {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            int n = 2 + r.nextInt(300);
            long[] t = new long[n];
            double[] v = new double[n];
            long counter = r.nextBoolean() ? r.nextLong(1L << 20) : (1L << 52) + r.nextLong(1L << 40);
            for (int i = 0; i < n; i++) {
                t[i] = 1_700_000_000_000L + 1_000L * i;
                counter += r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000);
                v[i] = switch (r.nextInt(6)) {
                    case 0 -> i == 0 ? 1.5 : v[i - 1]; // unchanged
                    case 1 -> counter; // an integer
                    case 2 -> counter * 1e-9;
                    case 3 -> counter * 1e-6;
                    case 4 -> r.nextDouble(); // XOR-coded
                    default -> Math.nextUp(counter * 1e-9); // almost scaled, not quite
                };
            }
            assertThat(roundTrip(t, v)).as("round %d", round).isEqualTo(expected(t, v));
        }
    }

    @Test
    void aStreamDrainedInPiecesIsTheSameStream() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 5_000;
        long[] t = new long[n];
        double[] v = new double[n];
        SeriesEncoder whole = new SeriesEncoder();
        SeriesEncoder drained = new SeriesEncoder();
        java.nio.ByteBuffer pieces = java.nio.ByteBuffer.allocate(n * 32);
        int pieceCount = 0;
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + 1_000L * i + r.nextInt(3);
            v[i] = i % 3 == 0 ? r.nextDouble() : i * 1e-9 * r.nextInt(1_000);
            whole.add(t[i], v[i]);
            drained.add(t[i], v[i]);
            if (drained.fullWords() >= 1 + r.nextInt(80)) {
                pieceCount += drained.drainFullWords(pieces) > 0 ? 1 : 0;
            }
        }
        assertThat(pieceCount).isGreaterThan(100);
        assertThat(drained.wordCount()).isEqualTo(whole.wordCount());
        for (int w = 0; w < drained.heldWordCount(); w++) {
            pieces.putLong(drained.words()[w]);
        }
        long[] words = new long[drained.wordCount()];
        pieces.flip().asLongBuffer().get(words);
        assertThat(words).isEqualTo(java.util.Arrays.copyOf(whole.words(), whole.wordCount()));
        List<Sample> out = new ArrayList<>();
        new SeriesDecoder().decode(words, n, 1, (id, time, value) -> out.add(new Sample(time, Double.doubleToRawLongBits(value))));
        assertThat(out).isEqualTo(expected(t, v));
    }
}
