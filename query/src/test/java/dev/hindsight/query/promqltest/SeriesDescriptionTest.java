package dev.hindsight.query.promqltest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.query.promqltest.SeriesDescription.Point.Kind;
import dev.hindsight.storage.select.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesDescriptionTest {
    @Test
    void expandsPromtoolNotation() {
        SeriesDescription.Parsed p = SeriesDescription.parse("metric{a=\"b\", c=\"d\"} 0+10x2 _ stale 1 -2x1 5-1x2 _x2");
        assertThat(p.labels()).isEqualTo(Labels.of("__name__", "metric", "a", "b", "c", "d"));
        List<SeriesDescription.Point> pts = p.points();
        assertThat(pts.stream().map(SeriesDescription.Point::kind)).containsExactly(Kind.VALUE, Kind.VALUE,
                Kind.VALUE, Kind.EMPTY, Kind.STALE, Kind.VALUE, Kind.VALUE, Kind.VALUE, Kind.VALUE, Kind.VALUE,
                Kind.VALUE, Kind.EMPTY, Kind.EMPTY);
        assertThat(pts.stream().filter(x -> x.kind() == Kind.VALUE).mapToDouble(SeriesDescription.Point::value))
                .containsExactly(0.0, 10.0, 20.0, 1.0, -2.0, -2.0, 5.0, 4.0, 3.0);
    }

    @Test
    void recognisesNativeHistogramsAndSpecialValues() {
        SeriesDescription.Parsed p = SeriesDescription.parse("{__name__=\"h\"} {{schema:0 sum:1 count:1}}x2 Inf -Inf NaN");
        assertThat(p.hasHistograms()).isTrue();
        assertThat(p.points()).hasSize(6);
        assertThat(p.points().get(3).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(p.points().get(5).value()).isNaN();
    }

    @Test
    void parsesDurations() {
        assertThat(TestScript.parseDuration("10s53ms")).isEqualTo(10_053);
        assertThat(TestScript.parseDuration("1h5m")).isEqualTo(3_900_000);
        assertThat(TestScript.parseDuration("0")).isZero();
    }
}
