package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrayCursorTest {
    private static SampleArrays arrays(int from, int n) {
        SampleArrays a = new SampleArrays();
        for (int i = from; i < from + n; i++) {
            a.add(i * 10L, i * 0.5);
        }
        return a;
    }

    private static List<String> oneByOne(SampleCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.timestamp() + "=" + c.value());
        }
        return out;
    }

    private static List<String> inBatches(SampleCursor c, int max) {
        List<String> out = new ArrayList<>();
        long[] ts = new long[max + 2];
        double[] vs = new double[max + 2];
        int k;
        while ((k = c.next(ts, vs, 2, max)) > 0) {
            assertThat(k).isLessThanOrEqualTo(max);
            for (int i = 2; i < 2 + k; i++) {
                out.add(ts[i] + "=" + vs[i]);
            }
        }
        return out;
    }

    @Test
    void batchesReadWhatNextReadsAcrossTheArraysAndTheCursorAfterThem() {
        for (int max : new int[] {1, 3, 7, 100}) {
            List<String> want = oneByOne(new ArrayCursor(arrays(0, 20), new ArrayCursor(arrays(20, 5), null)));
            assertThat(want).hasSize(25);
            assertThat(inBatches(new ArrayCursor(arrays(0, 20), new ArrayCursor(arrays(20, 5), null)), max))
                .as("max %d", max).containsExactlyElementsOf(want);
            SampleCursor mixed = new ArrayCursor(arrays(0, 20), new ArrayCursor(arrays(20, 5), null));
            assertThat(mixed.next()).isTrue();
            List<String> rest = inBatches(mixed, max);
            assertThat(rest).containsExactlyElementsOf(want.subList(1, 25));
            assertThat(mixed.next()).isFalse();
        }
        assertThat(inBatches(new ArrayCursor(new SampleArrays(), null), 4)).isEmpty();
    }
}
