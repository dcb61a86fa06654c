package dev.hindsight.storage.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {
    private static final long DAY = RetentionConfig.DAY_MS;

    @Test
    void levelsCoarserThanTheIntervalAreAllKept() {
        RetentionConfig r = RetentionConfig.defaults();
        assertThat(r.forInterval(1_000)).isSameAs(r);
    }

    @Test
    void aLevelAtTheIntervalIsServedByRawSamplesKeptAsLongAsIt() {
        RetentionConfig r = RetentionConfig.defaults().forInterval(10_000);
        assertThat(r.rollups()).extracting(RollupLevel::resolutionMs).containsExactly(60_000L, 3_600_000L);
        assertThat(r.rawMs()).as("the 10s level's 14 days").isEqualTo(14 * DAY);
        assertThat(r.headWindowMs()).isEqualTo(RetentionConfig.defaults().headWindowMs());
    }

    @Test
    void rawKeptLongerThanTheFoldedLevelKeepsItsOwnRetention() {
        RetentionConfig r = new RetentionConfig(30 * DAY, 60_000, List.of(new RollupLevel(10_000, 7 * DAY),
            new RollupLevel(60_000, 90 * DAY)), OptionalLong.of(1L << 30));
        RetentionConfig folded = r.forInterval(10_000);
        assertThat(folded.rawMs()).isEqualTo(30 * DAY);
        assertThat(folded.rollups()).hasSize(1);
        assertThat(folded.maxDiskBytes()).hasValue(1L << 30);
    }
}
