package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hindsight's own shortest-digit rendering against Jackson's Schubfach (the previous renderer,
 * now the reference), on random bit patterns over every exponent and on the shapes query
 * answers have; and each answer reads back to the same double with no shorter one that does.
 */
class ShortestDecimalTest {
    private static final int RANDOM = 2_000_000;

    @Test
    void matchesTheReferenceOnRandomDoublesOfEveryExponent() {
        SplittableRandom random = new SplittableRandom(20261127);
        byte[] mine = new byte[PointFormat.MAX_POINT];
        byte[] ref = new byte[PointFormat.MAX_POINT];
        int checked = 0;
        for (int i = 0; i < RANDOM; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!ShortestDecimal.handles(v)) {
                continue;
            }
            assertSame(v, mine, ref);
            checked++;
        }
        assertThat(checked).isGreaterThan(RANDOM * 99 / 100);
    }

    @Test
    void matchesTheReferenceOnQueryShapedValues() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] mine = new byte[PointFormat.MAX_POINT];
        byte[] ref = new byte[PointFormat.MAX_POINT];
        for (int i = 0; i < 500_000; i++) {
            double rate = random.nextDouble() * Math.pow(10, random.nextInt(-12, 16));
            assertSame(rate, mine, ref);
            assertSame(-rate, mine, ref);
            assertSame(random.nextLong(1, 1L << 62) / 300.0, mine, ref); // a counter's increase over 5 m
            assertSame(random.nextInt(1, 1000) / 1000.0, mine, ref); // milliseconds and decimals
        }
        double[] edges = {Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 0.2, 0.3, 1e-3, 1e7, 1e15 + 0.5,
            9007199254740993.0, 1e22, 1e23, 5e-324 * (1L << 52), 2.0, 4.0, 0.5, 1.0 / 3, 2.0 / 3, 123456789.125,
            Math.PI, Math.E, 1.7976931348623157e308, 2.2250738585072014e-308, 4.35, 0.30000000000000004};
        for (double v : edges) {
            assertSame(v, mine, ref);
        }
        for (int e = -1022; e <= 1023; e++) {
            // powers of two, where the interval below is half as wide
            assertSame(Math.scalb(1.0, e), mine, ref);
            assertSame(Math.nextUp(Math.scalb(1.0, e)), mine, ref);
            assertSame(Math.nextDown(Math.scalb(1.0, e)), mine, ref);
        }
    }

    @Test
    void answersReadBackAndAreShortest() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] out = new byte[PointFormat.MAX_POINT];
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!ShortestDecimal.handles(v)) {
                continue;
            }
            String s = new String(out, 0, ShortestDecimal.write(v, out, 0), StandardCharsets.US_ASCII);
            assertThat(s).doesNotContain("E").doesNotContain("e");
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(v);
            BigDecimal d = new BigDecimal(s).stripTrailingZeros();
            if (d.precision() > 1) {
                // one significant digit fewer, rounded either way, must not read back to v
                BigDecimal shorter = d.round(new java.math.MathContext(d.precision() - 1, java.math.RoundingMode.FLOOR));
                BigDecimal shorterUp = d.round(new java.math.MathContext(d.precision() - 1, java.math.RoundingMode.CEILING));
                assertThat(shorter.doubleValue() == v || shorterUp.doubleValue() == v).as(s).isFalse();
            }
        }
    }

    private static void assertSame(double v, byte[] mine, byte[] ref) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            // whole numbers below 1e15 are PointFormat's own digits, before either renderer
            String whole = new String(mine, 0, ShortestDecimal.write(v, mine, 0), StandardCharsets.US_ASCII);
            assertThat(whole).isEqualTo(Long.toString((long) v));
            return;
        }
        String got = new String(mine, 0, PointFormat.value(v, mine, 0), StandardCharsets.US_ASCII);
        String want = new String(ref, 0, PointFormat.viaJackson(v, ref, 0), StandardCharsets.US_ASCII);
        if (!got.equals(want)) {
            throw new AssertionError(v + " (bits " + Long.toHexString(Double.doubleToRawLongBits(v)) + "): " + got
                + " != " + want);
        }
    }
}
