package dev.hindsight.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HeadTest {
    private static List<long[]> read(SampleCursor c) {
        List<long[]> out = new ArrayList<>();
        while (c.next()) {
            out.add(new long[] {c.timestamp(), (long) c.value()});
        }
        return out;
    }

    @Test
    void appendsAndReadsRangesAcrossChunks() {
        Head head = new Head(1_000_000);
        for (int i = 0; i < 1000; i++) {
            head.append(3, 1000L * i, i);
        }
        head.append(0, 5, 42);
        assertThat(read(head.cursor(0, 0, Long.MAX_VALUE))).containsExactly(new long[] {5, 42});
        List<long[]> r = read(head.cursor(3, 126_500, 300_000));
        assertThat(r).hasSize(174);
        assertThat(r.get(0)).containsExactly(127_000, 127);
        assertThat(r.get(r.size() - 1)).containsExactly(300_000, 300);
        assertThat(read(head.cursor(1, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(read(head.cursor(99, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(head.sampleCount()).isEqualTo(1001);
    }

    @Test
    void appendAllStoresWhatOneByOneAppendsStore() {
        Head one = new Head(1_000_000);
        Head all = new Head(1_000_000);
        int[] ids = {0, 1, 2, 5, 1};
        long[] times = new long[ids.length];
        double[] values = new double[ids.length];
        for (int tick = 0; tick < 600; tick++) {
            for (int i = 0; i < ids.length; i++) {
                times[i] = 10_000L * tick + (i == 4 ? -1 : i); // series 1's second value each tick is out of order
                values[i] = tick * (i + 1) + (tick % 3 == 0 ? 1_000_000_007L : 0); // integers: read() keeps them
                one.append(ids[i], times[i], values[i]);
            }
            all.appendAll(ids, times, values, ids.length);
        }
        for (int id = 0; id < 7; id++) {
            assertThat(read(all.cursor(id, 0, Long.MAX_VALUE))).as("series " + id)
                .usingRecursiveComparison().isEqualTo(read(one.cursor(id, 0, Long.MAX_VALUE)));
        }
        assertThat(read(all.cursor(5, 0, Long.MAX_VALUE))).hasSize(600);
        assertThat(all.sampleCount()).isEqualTo(one.sampleCount()).isEqualTo(4 * 600);
        assertThat(all.rejectedCount()).isEqualTo(one.rejectedCount()).isEqualTo(600);
        assertThat(all.maxTime()).isEqualTo(one.maxTime());
        assertThat(all.minTime()).isEqualTo(one.minTime());
    }

    @Test
    void seekMovesForwardOnly() {
        Head head = new Head(1_000_000);
        for (int i = 0; i < 300; i++) {
            head.append(0, 10L * i, i);
        }
        SampleCursor c = head.cursor(0, 0, 10_000);
        assertThat(c.seek(1_555)).isTrue();
        assertThat(c.timestamp()).isEqualTo(1_560);
        assertThat(c.seek(100)).isTrue();
        assertThat(c.timestamp()).isEqualTo(1_560);
        assertThat(c.seek(5_000)).isFalse();
    }

    @Test
    void outOfOrderSamplesAreRejectedNotReordered() {
        Head head = new Head(1_000_000);
        assertThat(head.append(0, 100, 1)).isTrue();
        assertThat(head.append(0, 100, 2)).isFalse();
        assertThat(head.append(0, 50, 3)).isFalse();
        assertThat(head.append(0, 150, 4)).isTrue();
        assertThat(head.rejectedCount()).isEqualTo(2);
        assertThat(read(head.cursor(0, 0, 1000))).containsExactly(new long[] {100, 1}, new long[] {150, 4});
    }

    @Test
    void trimDropsWholeChunksOutsideTheWindowAndKeepsTheWindowComplete() {
        Head head = new Head(10_000);
        for (int i = 0; i < 1000; i++) {
            head.append(0, 100L * i, i);
        }
        head.trim();
        long cutoff = 99_900 - 10_000;
        assertThat(head.minTime()).isEqualTo(cutoff);
        List<long[]> r = read(head.cursor(0, 0, Long.MAX_VALUE));
        assertThat(r.get(0)[0]).isLessThanOrEqualTo(cutoff);
        assertThat(r.get(0)[0]).isGreaterThan(cutoff - 100L * Chunk.CAPACITY);
        assertThat(r.get(r.size() - 1)[0]).isEqualTo(99_900);
        assertThat(head.sampleCount()).isEqualTo(r.size());
        // a series that went quiet long ago is emptied entirely
        head.append(1, 1, 1);
        head.append(0, 200_000, 1);
        head.trim();
        assertThat(read(head.cursor(1, 0, Long.MAX_VALUE))).isEmpty();
        assertThat(head.minTime(1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @Timeout(30)
    void readersSeeConsistentPrefixesWhileOneThreadAppends() throws Exception {
        Head head = new Head(Long.MAX_VALUE / 4);
        int n = 200_000;
        PrefixReader reader = PrefixReader.start(head, 0, n, i -> i * 2.0);
        for (int i = 0; i < n; i++) {
            head.append(0, i, i * 2.0);
        }
        assertThat(reader.failure()).isNull();
    }
}
