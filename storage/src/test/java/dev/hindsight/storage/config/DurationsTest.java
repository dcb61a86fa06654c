package dev.hindsight.storage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"1s,1000", "5m,300000", "2h,7200000", "14d,1209600000", "1w,604800000",
        "2y,63072000000", "1h30m,5400000", "1500ms,1500", "0s,0", "1m30s500ms,90500"})
    void parses(String text, long ms) {
        assertThat(Durations.parseMillis(text)).isEqualTo(OptionalLong.of(ms));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3x", "10", "s", "1s1h", "1h1h", "-1s", "1.5h", " 1s", "1S", "99999999999999999999y"})
    void rejects(String text) {
        assertThat(Durations.parseMillis(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1000,1s", "90000,1m30s", "0,0s", "63072000000,2y", "604800000,1w", "1500,1s500ms"})
    void formats(long ms, String text) {
        assertThat(Durations.format(ms)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"1024,1024", "1KiB,1024", "10GiB,10737418240", "10GB,10000000000", "512MiB,536870912"})
    void byteSizes(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(OptionalLong.of(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "10XB", "1.5GiB", "-1"})
    void badByteSizes(String text) {
        assertThat(ByteSizes.parse(text)).isEmpty();
    }
}
