package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Encoded bucket rows decode to exactly what went in, bit for bit, and cost little when regular. */
class BlockRowCodecTest {
    private static final long RES = 10_000;
    private static final long BASE = 1_700_000_000_000L;

    private record Row(int slot, int count, double sum, double min, double max, double last, double counter) {
        long start() {
            return BASE + slot * RES;
        }
    }

    private static BlockRowCodec.Out encode(List<Row> rows) {
        BlockRowCodec.Out out = new BlockRowCodec.Out();
        BlockRowCodec.Encoder enc = new BlockRowCodec.Encoder(out);
        rows.forEach(r -> enc.row(r.slot, r.count, r.sum, r.min, r.max, r.last, r.counter));
        return out;
    }

    private static List<double[]> decode(BlockRowCodec.Out out, int n, long from, long to) {
        byte[] bytes = java.util.Arrays.copyOf(out.array(), out.size() + BlockRowCodec.READ_SLACK);
        List<double[]> got = new ArrayList<>();
        BlockRowCodec.decode(bytes, 0, n, BASE, RES, from, to,
            (start, count, sum, min, max, last, counter) -> got.add(new double[] {start, count, sum, min, max, last, counter}));
        return got;
    }

    private static double[] expected(Row r) {
        return new double[] {r.start(), r.count, r.sum, r.min, r.max, r.last, r.counter};
    }

    @Test
    void irregularValuesRoundTripBitForBit() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] odd = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e-300, -123.456};
        List<Row> rows = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < 5_000; i++) {
            slot += rnd.nextInt(4) == 0 ? rnd.nextInt(1, 100_000) : 1;
            double v = rnd.nextInt(10) == 0 ? odd[rnd.nextInt(odd.length)] : rnd.nextDouble() * 1e12;
            rows.add(new Row(slot, rnd.nextInt(0, 1 << 20), v, rnd.nextBoolean() ? v : v - 1,
                rnd.nextBoolean() ? v : odd[rnd.nextInt(odd.length)], rnd.nextDouble(), rnd.nextLong() * 1.0));
        }
        List<double[]> got = decode(encode(rows), rows.size(), Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(got).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double[] want = expected(rows.get(i));
            for (int k = 0; k < want.length; k++) {
                assertThat(Double.doubleToRawLongBits(got.get(i)[k])).as("row %d field %d", i, k)
                    .isEqualTo(Double.doubleToRawLongBits(want[k]));
            }
        }
    }

    @Test
    void aRangeDeliversOnlyItsRows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Row(i * 2, 1, i, i, i, i, 1));
        }
        List<double[]> got = decode(encode(rows), rows.size(), BASE + 20 * RES, BASE + 30 * RES);
        assertThat(got).extracting(r -> (long) r[0]).containsExactly(
            BASE + 20 * RES, BASE + 22 * RES, BASE + 24 * RES, BASE + 26 * RES, BASE + 28 * RES, BASE + 30 * RES);
    }

    @Test
    void oneSampleBucketsOfASteadyCounterTakeAFewBytesEach() {
        List<Row> rows = new ArrayList<>();
        double cpuSeconds = 123_456.789;
        for (int i = 0; i < 360; i++) {
            cpuSeconds += 0.25 + (i % 7) * 0.001;
            rows.add(new Row(i, 1, cpuSeconds, cpuSeconds, cpuSeconds, cpuSeconds, 0.25 + (i % 7) * 0.001));
        }
        BlockRowCodec.Out out = encode(rows);
        assertThat(decode(out, rows.size(), Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(360);
        assertThat(out.size() / 360.0).as("bytes per row, against 48 fixed").isLessThan(20);
    }
}
