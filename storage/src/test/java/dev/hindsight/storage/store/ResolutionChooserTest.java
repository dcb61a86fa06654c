package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SelectHints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolutionChooserTest {
    static final long NOW = 1_000L * 86_400_000L; // day 1000
    static final long D = 86_400_000L;

    @ParameterizedTest(name = "start {0}d ago, step {1}, range {2}, {3} -> {4}")
    @CsvSource({
        // daysAgo, stepMs, rangeMs, aggregate, expected resolution (defaults: raw 2d, 10s 14d, 1m 90d, 1h 2y)
        "1, 60000, 0, MAX, 60000",          // coarsest with width <= step
        "1, 59999, 0, MAX, 10000",
        "1, 3600000, 300000, COUNTER, 60000", // range 5m caps it
        "1, 5000, 0, MAX, 0",               // step finer than every rollup: raw
        "1, 60000, 0, RAW, 0",              // raw asked for
        "1, 0, 0, LAST, 0",                 // instant selector
        "1, 0, 3600000, COUNTER, 3600000",  // instant query, range selector of 1h
        "30, 10000, 0, MAX, 60000",         // step 10s but 10s and raw are gone: the finest that covers (1m)
        "30, 60000, 0, MAX, 60000",         // 10s no longer covers 30 days ago
        "100, 60000, 0, SUM, 3600000",      // only 1h covers 100 days ago
        "1000, 60000, 0, SUM, 3600000",     // nothing covers: the longest kept
    })
    void chooses(long daysAgo, long step, long range, Aggregate a, long expected) {
        SelectHints h = new SelectHints(NOW - daysAgo * D, NOW, step, range, a);
        assertThat(ResolutionChooser.choose(h, RetentionConfig.defaults(), NOW)).isEqualTo(expected);
    }
}
