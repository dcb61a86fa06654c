package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelOrderTest {
    private static Labels random(Random r) {
        return Labels.of("__name__", "m" + r.nextInt(3), "name", "c" + r.nextInt(50), "cpu", r.nextBoolean() ? "" : "" + r.nextInt(4));
    }

    /** The ids sorted by comparing their labels, the slow way. */
    private static int[] expected(SeriesRegistry reg, int[] ids) {
        List<Integer> l = new ArrayList<>();
        for (int id : ids) {
            l.add(id);
        }
        l.sort(Comparator.comparing((Integer id) -> reg.labels(id)).thenComparing(id -> id));
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void idsWithoutLabelsSortLastAndTheOrderIsTotal() {
        Labels[] labels = {Labels.of("a", "2"), null, Labels.of("a", "1"), null};
        assertThat(LabelOrder.compare(labels, 0, 2)).isPositive();
        assertThat(LabelOrder.compare(labels, 1, 0)).isPositive();
        assertThat(LabelOrder.compare(labels, 0, 1)).isNegative();
        assertThat(LabelOrder.compare(labels, 1, 3)).isNegative();
        assertThat(LabelOrder.compare(labels, 3, 3)).isZero();
    }

    @Test
    void selectedIdsComeInLabelOrderAsTheRegistryGrows() {
        Random r = new Random(7);
        try (SeriesRegistry reg = SeriesRegistry.inMemory()) {
            LabelOrder order = new LabelOrder(reg);
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 40; i++) {
                    reg.getOrCreate(random(r));
                }
                int[] ids = r.ints(0, reg.size()).distinct().limit(Math.min(25, reg.size())).sorted().toArray();
                int[] want = expected(reg, ids);
                assertThat(order.sort(ids)).as("round %d", round).containsExactly(want);
                int[] pos = order.positions(ids);
                int[] byPos = new int[ids.length];
                for (int i = 0; i < pos.length; i++) {
                    byPos[i] = ids[pos[i]];
                }
                assertThat(byPos).containsExactly(want);
            }
            int[] all = new int[reg.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            assertThat(order.sort(all)).containsExactly(expected(reg, all));
            assertThat(order.sort(new int[0])).isEmpty();
            assertThat(order.positions(new int[] {3})).containsExactly(0);
        }
    }
}
