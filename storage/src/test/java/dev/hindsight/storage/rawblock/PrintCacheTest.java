package dev.hindsight.storage.rawblock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.series.SeriesRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec-print cache follows the containers the store holds, not every container ever seen (churn). */
class PrintCacheTest {
    private static ContainerSpec spec(int id) {
        return new ContainerSpec(id, 1_000, "/c" + id, "c" + id, "img", "", Map.of(), 0, 1024, -1, 100_000, "", "",
            1L << 30, ContainerSpec.UNLIMITED, ContainerSpec.UNLIMITED, -1);
    }

    @Test
    void printsOfForgottenContainersGoWithTheNextBlockPass(@TempDir Path dir) {
        try (RawLog log = RawLog.open(dir)) {
            RawBlocks blocks = RawBlocks.open(log);
            ContainerSpec a = spec(1);
            ContainerSpec b = spec(2);
            long printA = blocks.printOf(a);
            blocks.printOf(b);
            assertThat(blocks.cachedPrints()).isEqualTo(2);
            blocks.blockFinishedCycles(SeriesRegistry.inMemory(), () -> List.of(a));
            assertThat(blocks.cachedPrints()).isEqualTo(1);
            assertThat(blocks.printOf(a)).isEqualTo(printA);
        }
    }
}
