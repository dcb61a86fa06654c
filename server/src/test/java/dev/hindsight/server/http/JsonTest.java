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
