package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesCountsTest {
    @Test
    void countsAndIndexesDenseAndStrayIdsInAscendingOrder() {
        SeriesCounts c = new SeriesCounts();
        int huge = Integer.MAX_VALUE - 3; // a damaged bucket's id: hashed, not an array of 2^31
        int[] adds = {5, 3000, 5, -7, huge, 0, 3000, 5, SeriesCounts.DENSE_LIMIT};
        for (int id : adds) {
            c.add(id);
        }
        int[] ids = c.sortedIds();
        assertThat(ids).containsExactly(-7, 0, 5, 3000, SeriesCounts.DENSE_LIMIT, huge);
        assertThat(c.count(5)).isEqualTo(3);
        assertThat(c.count(3000)).isEqualTo(2);
        assertThat(c.count(huge)).isEqualTo(1);
        assertThat(c.count(-7)).isEqualTo(1);
        assertThat(c.count(4)).isZero();
        assertThat(c.count(1 << 30)).isZero();
        for (int i = 0; i < ids.length; i++) {
            assertThat(c.indexOf(ids[i])).isEqualTo(i);
        }
        assertThat(c.indexOf(4)).isEqualTo(-1);
        assertThat(c.indexOf(100_000)).isEqualTo(-1);
        assertThat(c.indexOf(-8)).isEqualTo(-1);
    }
}
