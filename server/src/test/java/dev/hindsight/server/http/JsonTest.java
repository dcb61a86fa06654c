package dev.hindsight.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Numbers as Prometheus's API writes them. */
class JsonTest {
    @Test
    void valuesAreGoShortestPlainDecimals() {
        assertThat(Json.promValue(1)).isEqualTo("1");
        assertThat(Json.promValue(-3)).isEqualTo("-3");
        assertThat(Json.promValue(0.1)).isEqualTo("0.1");
        assertThat(Json.promValue(1.5e-7)).isEqualTo("0.00000015");
        assertThat(Json.promValue(1e21)).isEqualTo("1000000000000000000000");
        assertThat(Json.promValue(123456789.125)).isEqualTo("123456789.125");
        assertThat(Json.promValue(29.750000000000004)).isEqualTo("29.750000000000004");
        assertThat(Json.promValue(Double.NaN)).isEqualTo("NaN");
        assertThat(Json.promValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(Json.promValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(Json.promValue(-0.0)).isEqualTo("-0");
        assertThat(Json.promValue(1e-4)).as("no trailing zero from the exponent form").isEqualTo("0.0001");
        assertThat(Json.promValue(-2.5e-10)).isEqualTo("-0.00000000025");
        assertThat(Json.promValue(12345678.5)).isEqualTo("12345678.5");
        assertThat(Json.promValue(1.25e20)).isEqualTo("125000000000000000000");
        assertThat(Json.promValue(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "49");
        assertThat(Json.promValue(-Double.MAX_VALUE)).isEqualTo("-17976931348623157" + "0".repeat(292));
    }

    @Test
    void everyValueReadsBackAndIsNoLongerThanJavasDigits() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble();
                case 1 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-30, 30));
                case 2 -> Double.longBitsToDouble(rnd.nextLong());
                default -> rnd.nextInt(-1_000_000, 1_000_000) / 1000.0;
            };
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String s = Json.promValue(v);
            assertThat(Double.parseDouble(s)).as(s).isEqualTo(v);
            assertThat(s).doesNotContain("E");
            String java = v == 0 ? (1 / v < 0 ? "-0" : "0")
                : new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
            assertThat(significantDigits(s)).as("%s vs %s", s, java).isLessThanOrEqualTo(significantDigits(java));
        }
    }

    private static int significantDigits(String plain) {
        String d = plain.replace("-", "").replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        return d.length();
    }

    @Test
    void aPointIsTheTimestampAndTheQuotedValue() {
        assertThat(PointFormat.point(1_435_781_451_781L, 0.25)).isEqualTo("[1435781451.781,\"0.25\"]");
        assertThat(PointFormat.point(-1_500L, Double.NaN)).isEqualTo("[-1.5,\"NaN\"]");
        assertThat(PointFormat.point(Long.MIN_VALUE, -Double.MAX_VALUE))
            .isEqualTo("[-9223372036854775.808,\"-17976931348623157" + "0".repeat(292) + "\"]");
    }

    static String seconds(long ms) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            Json.writeUnixSeconds(g, ms);
        }
        return w.toString();
    }

    @Test
    void timestampsAreUnixSecondsWithMillisecondDecimals() throws IOException {
        assertThat(seconds(1_435_781_451_781L)).isEqualTo("1435781451.781");
        assertThat(seconds(1_435_781_451_000L)).isEqualTo("1435781451");
        assertThat(seconds(1_435_781_451_500L)).isEqualTo("1435781451.5");
        assertThat(seconds(1_435_781_451_005L)).isEqualTo("1435781451.005");
        assertThat(seconds(-1_500L)).isEqualTo("-1.5");
        assertThat(seconds(0)).isEqualTo("0");
        assertThat(seconds(-5)).isEqualTo("-0.005");
        assertThat(seconds(Long.MAX_VALUE)).isEqualTo("9223372036854775.807");
        assertThat(seconds(Long.MIN_VALUE + 1)).isEqualTo("-9223372036854775.807");
    }

    @Test
    void everyMillisecondFractionMatchesTheFormattedSpelling() throws IOException {
        for (long ms = -2_000; ms <= 2_000; ms++) {
            assertThat(seconds(ms)).as("ms=%d", ms).isEqualTo(formatted(ms));
            assertThat(seconds(1_700_000_000_000L + ms)).isEqualTo(formatted(1_700_000_000_000L + ms));
        }
    }

    /** The spelling by String.format, as the first implementation made it. */
    private static String formatted(long ms) {
        long abs = Math.abs(ms);
        String f = String.format("%03d", abs % 1000).replaceAll("0+$", "");
        return (ms < 0 ? "-" : "") + abs / 1000 + (f.isEmpty() ? "" : "." + f);
    }
}
