package dev.hindsight.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import dev.hindsight.storage.store.Store;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class SyntheticFleetTest {
    static final long T0 = 1_700_000_000_000L;

    @Test
    void workersComeAndGoAndSomeCountersReset() {
        SyntheticFleet fleet = new SyntheticFleet(10, T0, T0 + 8 * 3_600_000L, 60_000, 5);
        try (FleetStore fs = FleetStore.write(fleet, RetentionConfig.defaults()); Store store = fs.openStore()) {
            long ticks = 8 * 60;
            assertThat(fs.written().ticks()).isEqualTo(ticks);
            // workers (indexes 4 and 9) live 1-6 h of the 8: fewer samples than 10 full lifetimes
            assertThat(fs.written().containerSamples()).isLessThan(10 * ticks).isGreaterThan(8 * ticks);
            List<Series> cpu = store.select(List.of(LabelMatcher.eq("__name__", "container_cpu_usage_seconds_total")),
                SelectHints.raw(T0, T0 + 8 * 3_600_000L)).series();
            assertThat(cpu).hasSize(10);
            int resets = 0;
            for (Series s : cpu) {
                SampleCursor c = s.cursor();
                double prev = -1;
                while (c.next()) {
                    if (c.value() < prev) {
                        resets++;
                    }
                    prev = c.value();
                }
            }
            assertThat(resets).as("container index 3 restarts once").isEqualTo(1);
            assertThat(store.select(List.of(LabelMatcher.eq("__name__", "container_cpu_cfs_periods_total")),
                new SelectHints(T0, T0 + 8 * 3_600_000L, 60_000, 60_000, Aggregate.COUNTER)).series())
                .as("containers with a CPU quota (every third)").hasSize(4);
        }
    }

    /** The footprint's day run: the log written in parts while a store follows it. */
    @Test
    void aFleetWrittenInPartsWithAStoreFollowingIsTheWholeFleet() {
        SyntheticFleet fleet = new SyntheticFleet(10, T0, T0 + 3 * 3_600_000L, 30_000, 5);
        List<String> whole;
        SyntheticFleet.Written wholeWritten;
        try (FleetStore fs = FleetStore.write(fleet, RetentionConfig.defaults()); Store store = fs.openStore()) {
            whole = memorySamples(store);
            wholeWritten = fs.written();
            assertThat(whole).as("8-10 containers, 360 ticks").hasSizeGreaterThan(8 * 300);
        }
        try (FleetStore fs = FleetStore.empty(fleet, RetentionConfig.defaults()); Store store = fs.openStore()) {
            SyntheticFleet.Writing writing = fs.writing(fleet);
            for (long until = T0 + 1_234_567; until < fleet.endMs() + 3_600_000L; until += 2_345_678) {
                writing.writeUntil(until);
                store.catchUp();
            }
            assertThat(writing.written()).isEqualTo(wholeWritten);
            assertThat(memorySamples(store)).hasSize(whole.size()).isEqualTo(whole);
        }
    }

    private static List<String> memorySamples(Store store) {
        List<String> out = new java.util.ArrayList<>();
        for (Series s : store.select(List.of(LabelMatcher.eq("__name__", "container_memory_usage_bytes")),
                SelectHints.raw(T0, T0 + 3 * 3_600_000L)).series()) {
            SampleCursor c = s.cursor();
            while (c.next()) {
                out.add(s.labels() + " " + c.timestamp() + " " + c.value());
            }
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        assertThat(new SyntheticFleet(7, T0, T0 + 3_600_000L, 10_000, 3).names())
            .isEqualTo(new SyntheticFleet(7, T0, T0 + 3_600_000L, 10_000, 3).names())
            .contains("web-0000", "worker-0004", "db-0002");
    }
}
