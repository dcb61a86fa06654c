package dev.hindsight.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A late slice runs late while the interval can still be kept; only a whole interval behind is skipped. */
class SlicePacingTest {
    private static final long SLICE = 100_000_000L;
    private static final long INTERVAL = 10 * SLICE;

    @Test
    void behindByLessThanAnIntervalSkipsNothing() {
        assertThat(Collector.slicesToSkip(0, SLICE, INTERVAL)).isZero();
        assertThat(Collector.slicesToSkip(SLICE, SLICE, INTERVAL)).isZero();
        assertThat(Collector.slicesToSkip(INTERVAL - 1, SLICE, INTERVAL)).isZero();
    }

    @Test
    void behindByAnIntervalOrMoreSkipsEverySliceDue() {
        assertThat(Collector.slicesToSkip(INTERVAL, SLICE, INTERVAL)).isEqualTo(10);
        assertThat(Collector.slicesToSkip(INTERVAL + 3 * SLICE + 5, SLICE, INTERVAL)).isEqualTo(13);
    }
}
