package dev.hindsight.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The harness's options: the day run's defaults, the 30-day preset, and what overrides it. */
class CompareOptionsTest {
    @Test
    void theDayRunIsTheDefault() {
        CompareOptions o = CompareOptions.parse(new String[0]);
        assertThat(o.containers()).isEqualTo(100);
        assertThat(o.hours()).isEqualTo(24);
        assertThat(o.resultName()).isEqualTo("compare");
        assertThat(o.work()).isEqualTo(Path.of("benchmarks/target/compare"));
    }

    @Test
    void monthPresetsThirtyDaysOfFiveContainersInItsOwnFiles() {
        CompareOptions o = CompareOptions.parse(new String[] {"--month"});
        assertThat(o.hours()).isEqualTo(720);
        assertThat(o.containers()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(30);
        assertThat(o.resultName()).isEqualTo("compare-30d");
        assertThat(o.work()).isEqualTo(Path.of("benchmarks/target/compare-30d"));
    }

    @Test
    void optionsOverrideTheMonthPresetWhereverTheyStand() {
        CompareOptions o = CompareOptions.parse(new String[] {"--containers", "10", "--month", "--runs", "25"});
        assertThat(o.containers()).isEqualTo(10);
        assertThat(o.runs()).isEqualTo(25);
        assertThat(o.hours()).isEqualTo(720);
    }

    @Test
    void aMissingValueNamesTheOption() {
        assertThatThrownBy(() -> CompareOptions.parse(new String[] {"--month", "--hours"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--hours: missing value");
    }
}
