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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw index files ({@code <cycle>.hri}) go with their cycle files, never before them. */
class RawIndexRetentionTest {
    static final long H = 3_600_000L;
    static final long T0 = 1_700_006_400_000L; // an hour boundary

    @Test
    void aSizeCutDeletesACycleBeforeItsIndexAndTheJobDeletesTheIndexWithIt(@TempDir Path dir) throws IOException {
        List<SegmentInfo> segments = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            long start = T0 + h * H;
            // the index listed first: the planner must not take it before its cycle
            segments.add(file(dir, start, ".hri", 10));
            if (h < 3) {
                segments.add(file(dir, start, ".cq4", 100));
            }
        }
        segments.add(file(dir, T0 + 3 * H, ".cq4", 100));
        // 440 bytes; a cap of 390 needs 50 freed: the oldest cycle file alone does it
        RetentionConfig cap = new RetentionConfig(365 * 24 * H, H, List.of(), OptionalLong.of(390));
        List<SegmentInfo> plan = RetentionPlanner.plan(segments, cap, T0 + 4 * H);
        assertThat(plan).extracting(s -> s.path().getFileName().toString()).containsExactly(name(T0, ".cq4"));

        RetentionJob.Result r = RetentionJob.run(plan, Map.of());
        assertThat(r.failures()).isEmpty();
        assertThat(r.deleted()).extracting(s -> s.path().getFileName().toString())
            .containsExactly(name(T0, ".cq4"), name(T0, ".hri"));
        assertThat(r.bytesFreed()).isEqualTo(110);
        assertThat(dir.resolve(name(T0, ".hri"))).doesNotExist();
        assertThat(dir.resolve(name(T0 + H, ".hri"))).exists();
    }

    @Test
    void theScannerListsIndexFilesAndDamagedOnesAsRawSegments(@TempDir Path dir) throws IOException {
        file(dir, T0, ".cq4", 100);
        file(dir, T0, ".hri", 10);
        Files.write(dir.resolve(name(T0 + H, ".hri") + ".damaged"), new byte[7]);
        List<String> problems = new ArrayList<>();
        List<SegmentInfo> found = SegmentScanner.scan(dir, 0, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY,
            problems);
        assertThat(problems).isEmpty();
        assertThat(found).hasSize(3).allMatch(SegmentInfo::isRaw);
        assertThat(found).filteredOn(s -> s.path().toString().endsWith(".damaged"))
            .singleElement().extracting(SegmentInfo::startMs).isEqualTo(T0 + H);
    }

    private static SegmentInfo file(Path dir, long startMs, String suffix, int size) throws IOException {
        Path p = dir.resolve(name(startMs, suffix));
        Files.write(p, new byte[size]);
        return new SegmentInfo(p, 0, startMs, startMs + H, size);
    }

    private static String name(long startMs, String suffix) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HH'F'").withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(startMs)) + suffix;
    }
}
