package dev.hindsight.query.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.SeriesSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemorySeriesSourceTest {
    @Test
    void selectsSortedRawSamplesInRangeAndKeepsStaleMarkers() {
        InMemorySeriesSource src = new InMemorySeriesSource();
        Labels a = Labels.of("__name__", "m", "k", "a");
        src.add(a, 30, 3);
        src.add(a, 10, 1);
        src.add(a, 20, 2);
        src.addStale(a, 40);
        src.add(Labels.of("__name__", "other"), 10, 9);
        SeriesSet set = src.select(List.of(LabelMatcher.eq("__name__", "m")), SelectHints.raw(15, 40));
        assertThat(set.aggregate()).isEqualTo(dev.hindsight.storage.select.Aggregate.RAW);
        assertThat(set.series()).singleElement().satisfies(s -> {
            SampleCursor c = s.cursor();
            assertThat(c.hasCurrent()).isFalse();
            assertThat(c.next()).isTrue();
            assertThat(c.timestamp()).isEqualTo(20);
            assertThat(c.seek(30)).isTrue();
            assertThat(c.value()).isEqualTo(3.0);
            assertThat(c.next()).isTrue();
            assertThat(StaleNaN.is(c.value())).isTrue();
            assertThat(StaleNaN.is(Double.NaN)).isFalse();
            assertThat(c.next()).isFalse();
        });
        assertThat(src.labelValues("k", List.of(), 0, 100)).containsExactly("a");
        src.clear();
        assertThat(src.seriesCount()).isZero();
    }
}
