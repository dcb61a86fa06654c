package dev.hindsight.query.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.InMemorySeriesSource;
import dev.hindsight.storage.select.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * topk and bottomk keep a small k by insertion and sort for a large one: both must pick and
 * order exactly as a stable sort does (ties in input order, NaN last, -0 below +0).
 */
class TopkSelectionTest {
    private static final double[] VALUES = {3, 1, Double.NaN, 3, -0.0, 0.0, 7, 1, Double.NaN, 3, -5, 7};

    private static Engine engine() {
        InMemorySeriesSource src = new InMemorySeriesSource();
        for (int i = 0; i < 100; i++) {
            src.add(Labels.of("__name__", "x", "i", String.format("%03d", i), "job", i % 3 == 0 ? "a" : "b"),
                    1_000, VALUES[i % VALUES.length] + (i % 5 == 0 ? 0 : i / 40));
        }
        return new Engine(src, EngineLimits.DEFAULT);
    }

    private static List<Vector.Sample> samples(Engine e, String q) {
        return ((Vector) e.instant(q, 1_000).value()).samples();
    }

    @Test
    void aSmallKPicksThePrefixOfTheWholeStableOrder() {
        Engine e = engine();
        for (String op : List.of("topk", "bottomk")) {
            for (String by : List.of("", " by (job)")) {
                List<Vector.Sample> all = samples(e, op + by + " (100, x)");
                assertThat(all).hasSize(100);
                for (int k = 1; k <= 70; k++) {
                    List<Vector.Sample> some = samples(e, op + by + " (" + k + ", x)");
                    if (by.isEmpty()) {
                        assertThat(some).as("%s(%d)", op, k).containsExactlyElementsOf(all.subList(0, k));
                    } else {
                        assertThat(all).as("%s by (job) (%d)", op, k).containsAll(some);
                        for (String job : List.of("a", "b")) {
                            List<Vector.Sample> want = all.stream().filter(s -> s.labels().get("job").equals(job))
                                    .limit(k).toList();
                            assertThat(some.stream().filter(s -> s.labels().get("job").equals(job)).toList())
                                    .as("%s by (job) (%d) job %s", op, k, job).containsExactlyElementsOf(want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void theOrderIsDescendingForTopkWithNaNLast() {
        List<Vector.Sample> top = samples(engine(), "topk(100, x)");
        assertThat(top.get(0).v()).isEqualTo(9.0);
        assertThat(top.get(top.size() - 1).v()).isNaN();
        for (int i = 1; i < top.size(); i++) {
            double a = top.get(i - 1).v();
            double b = top.get(i).v();
            assertThat(Double.isNaN(b) || Double.compare(a, b) >= 0).as("%s before %s", a, b).isTrue();
        }
        assertThat(samples(engine(), "topk(1, x)")).extracting(Vector.Sample::v).containsExactly(9.0);
    }
}
