package dev.hindsight.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the head can prove about a series having no samples in a range (label lookups by time). */
class HeadActivityTest {
    private static final long S = 1_000;

    @Test
    void anEmptyHeadProvesNothing() {
        assertThat(new Head(600 * S).mayHaveSamples(0, 0, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void aSeriesThatStoppedHasNoSamplesAfterItsLastOne() {
        Head head = new Head(3_600 * S);
        for (long t = 0; t <= 600; t++) {
            head.append(0, t * S, t);
            if (t <= 100) {
                head.append(1, t * S, t); // a container gone after 100 s
            }
        }
        assertThat(head.mayHaveSamples(1, 50 * S, 60 * S)).isTrue();
        assertThat(head.mayHaveSamples(1, 100 * S, 200 * S)).isTrue();
        assertThat(head.mayHaveSamples(1, 101 * S, 200 * S)).isFalse();
        assertThat(head.mayHaveSamples(0, 500 * S, 700 * S)).isTrue();
    }

    @Test
    void aSeriesThatStartedLateHasNoSamplesBeforeItsFirstWhileTheHeadIsComplete() {
        Head head = new Head(3_600 * S);
        for (long t = 0; t <= 600; t++) {
            head.append(0, t * S, t);
            if (t >= 300) {
                head.append(1, t * S, t);
            }
        }
        assertThat(head.mayHaveSamples(1, 10 * S, 299 * S)).isFalse();
        assertThat(head.mayHaveSamples(1, 10 * S, 300 * S)).isTrue();
        // before the head's first sample nothing is known: the raw log may hold older samples
        assertThat(head.mayHaveSamples(1, -100 * S, 200 * S)).isTrue();
    }

    @Test
    void aSeriesWithNoSampleInTheHeadMayOnlyHaveOlderOnes() {
        Head head = new Head(3_600 * S);
        head.append(0, 1_000 * S, 1);
        assertThat(head.mayHaveSamples(7, 1_000 * S, 2_000 * S)).isFalse();
        assertThat(head.mayHaveSamples(7, 0, 2_000 * S)).isTrue();
    }

    @Test
    void theLastSampleIsRememberedAfterTrimmingDropsItsChunks() {
        Head head = new Head(600 * S);
        for (long t = 0; t <= 5_000; t++) {
            head.append(0, t * S, t);
            if (t <= 100) {
                head.append(1, t * S, t);
            }
            if (t % 100 == 0) {
                head.trim();
            }
        }
        assertThat(head.mayHaveSamples(1, 4_500 * S, 5_000 * S)).isFalse();
        assertThat(head.mayHaveSamples(1, 0, 5_000 * S)).isTrue();
    }
}
