package dev.hindsight.storage.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.RetentionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw blocks ({@code <cycle>.hrs}) go with their cycle files, never before them. */
class RawBlockRetentionTest {
    static final long H = RawIndexRetentionTest.H;
    static final long T0 = RawIndexRetentionTest.T0;

    @Test
    void theJobDeletesACyclesBlockAndIndexWithItAndTheScannerListsBlocks(@TempDir Path dir) throws IOException {
        for (int h = 0; h < 3; h++) {
            write(dir, T0 + h * H, ".cq4", 100);
            write(dir, T0 + h * H, ".hri", 10);
            write(dir, T0 + h * H, ".hrs", 20);
        }
        Files.write(dir.resolve(name(T0 + H, ".hrs") + ".damaged"), new byte[7]);
        List<String> problems = new ArrayList<>();
        List<SegmentInfo> found = SegmentScanner.scan(dir, 0, RollCycles.FAST_HOURLY, problems);
        assertThat(problems).isEmpty();
        assertThat(found).hasSize(10).allMatch(SegmentInfo::isRaw);
        // keep 1 h of raw, newest data at the end of the last cycle: the first cycle goes
        RetentionConfig keep = new RetentionConfig(H, H, List.of(), OptionalLong.empty());
        List<SegmentInfo> plan = RetentionPlanner.plan(found, keep, T0 + 3 * H);
        assertThat(plan).extracting(s -> s.path().getFileName().toString())
            .startsWith(name(T0, ".cq4")).doesNotContain(name(T0 + 2 * H, ".cq4"), name(T0 + 2 * H, ".hrs"));

        RetentionJob.Result r = RetentionJob.run(List.of(plan.get(0)), Map.of());
        assertThat(r.failures()).isEmpty();
        assertThat(r.deleted()).extracting(s -> s.path().getFileName().toString())
            .containsExactly(name(T0, ".cq4"), name(T0, ".hri"), name(T0, ".hrs"));
        assertThat(r.bytesFreed()).isEqualTo(130);
        assertThat(dir.resolve(name(T0, ".hrs"))).doesNotExist();
        assertThat(dir.resolve(name(T0 + H, ".hrs"))).exists();
    }

    private static void write(Path dir, long startMs, String suffix, int size) throws IOException {
        Files.write(dir.resolve(name(startMs, suffix)), new byte[size]);
    }

    private static String name(long startMs, String suffix) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HH'F'").withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(startMs)) + suffix;
    }
}
