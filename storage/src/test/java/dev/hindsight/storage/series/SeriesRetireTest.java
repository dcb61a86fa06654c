package dev.hindsight.storage.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retiring series: forgotten labels and postings, ids handed out again after quarantine, and the file across reopens. */
class SeriesRetireTest {
    private static final Labels A = Labels.of("__name__", "cpu", "id", "/a", "name", "web");
    private static final Labels B = Labels.of("__name__", "cpu", "id", "/b", "name", "db");
    private static final Labels C = Labels.of("__name__", "mem", "id", "/a", "name", "web");
    private static final Labels D = Labels.of("__name__", "mem", "id", "/c", "name", "cache");

    private static SeriesRegistry withFour(SeriesRegistry r) {
        for (Labels l : List.of(A, B, C, D)) {
            r.getOrCreate(l);
        }
        return r;
    }

    @Test
    void retiredSeriesLeaveSelectionsLabelValuesAndTheCount() {
        SeriesRegistry r = withFour(SeriesRegistry.inMemory());
        assertThat(r.retire(new int[] {0, 2, 7, 0})).containsExactly(0, 2); // unknown and repeated ids ignored
        assertThat(r.liveCount()).isEqualTo(2);
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.labels(0)).isNull();
        assertThat(r.find(A)).isEqualTo(-1);
        assertThat(r.select(List.of())).containsExactly(1, 3);
        assertThat(r.select(List.of(LabelMatcher.eq("id", "/a")))).isEmpty();
        assertThat(r.select(List.of(LabelMatcher.eq("__name__", "cpu")))).containsExactly(1);
        assertThat(r.labelValues("name", r.select(List.of()))).containsExactly("cache", "db");
        assertThat(r.labelNames(new int[] {0, 2})).isEmpty();
        assertThat(r.retire(new int[] {2})).isEmpty();
    }

    @Test
    void aRetiredIdWaitsInQuarantine() {
        SeriesRegistry r = withFour(SeriesRegistry.inMemory());
        r.retire(new int[] {0}, 1_000);
        assertThat(r.releaseRetiredBefore(1_000)).isZero();
        assertThat(r.getOrCreate(A)).isEqualTo(4);
        assertThat(r.select(List.of(LabelMatcher.eq("id", "/a")))).containsExactly(2, 4);
        assertThat(r.liveCount()).isEqualTo(4);
        assertThat(r.reusedCount()).isZero();
    }

    @Test
    void aReleasedIdIsHandedOutAgainAndPostingsStaySorted() {
        SeriesRegistry r = withFour(SeriesRegistry.inMemory());
        r.retire(new int[] {1, 0}, 1_000);
        r.retire(new int[] {3}, 2_000);
        assertThat(r.releaseRetiredBefore(1_001)).isEqualTo(2);
        Labels e = Labels.of("__name__", "cpu", "id", "/e", "name", "web");
        Labels f = Labels.of("__name__", "cpu", "id", "/f", "name", "web");
        assertThat(r.getOrCreate(e)).isIn(0, 1);
        assertThat(r.getOrCreate(f)).isIn(0, 1).isNotEqualTo(r.find(e));
        assertThat(r.getOrCreate(D)).as("3 is still in quarantine").isEqualTo(4);
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.reusedCount()).isEqualTo(2);
        assertThat(r.labels(r.find(e))).isEqualTo(e);
        assertThat(r.select(List.of(LabelMatcher.eq("name", "web")))).containsExactly(0, 1, 2);
        assertThat(r.select(List.of(LabelMatcher.eq("__name__", "cpu")))).containsExactly(0, 1);
        assertThat(r.select(List.of(LabelMatcher.of(LabelMatcher.Op.NEQ, "id", "/e")))).containsExactly(r.find(f), 2, 4);
    }

    @Test
    void theIdBoundFallsWhenTheHighestIdsAreFree() {
        SeriesRegistry r = withFour(SeriesRegistry.inMemory());
        r.retire(new int[] {1, 3}, 0);
        assertThat(r.size()).as("quarantined ids still count").isEqualTo(4);
        r.releaseRetiredBefore(1);
        assertThat(r.size()).isEqualTo(3);
        r.retire(new int[] {2}, 5);
        r.releaseRetiredBefore(6);
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.getOrCreate(D)).isEqualTo(1);
        assertThat(r.getOrCreate(B)).isEqualTo(2);
        assertThat(r.select(List.of())).containsExactly(0, 1, 2);
    }

    @Test
    void aReusedIdSurvivesReopen(@TempDir Path dir) {
        Path file = dir.resolve("series.idx");
        Labels e = Labels.of("__name__", "cpu", "id", "/e");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            r.retire(new int[] {1}, 0);
            r.releaseRetiredBefore(1);
            assertThat(r.getOrCreate(e)).isEqualTo(1);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).isEmpty();
            assertThat(f.loaded()).containsExactly(A, e, C, D);
        }
    }

    @Test
    void aRecordNamingAnIdInUseIsDamage(@TempDir Path dir) {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.append(0, A)).isTrue();
            assertThat(f.append(1, B)).isTrue();
            assertThat(f.append(0, C)).isTrue(); // what no registry writes
            assertThat(f.append(2, D)).isTrue();
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).singleElement().asString().contains("names an id in use");
            assertThat(f.loaded()).containsExactly(A, B);
        }
    }

    @Test
    void retirementsSurviveReopenAndTheFileIsCompacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            r.retire(new int[] {1, 3}); // 3 is the highest id handed out
        }
        long appended = Files.size(file);
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            assertThat(r.liveCount()).isEqualTo(2);
            assertThat(r.labels(0)).isEqualTo(A);
            assertThat(r.labels(1)).isNull();
            assertThat(r.labels(2)).isEqualTo(C);
            assertThat(r.select(List.of())).containsExactly(0, 2);
            assertThat(Files.size(file)).as("rewritten without B and D").isLessThan(appended);
            assertThat(r.getOrCreate(D)).as("the lowest free id first: no query holds one from before the open")
                .isEqualTo(1);
            assertThat(r.getOrCreate(B)).isEqualTo(3);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).isEmpty();
            assertThat(f.loaded()).containsExactly(A, D, C, B);
        }
    }

    @Test
    void aRetiredHighestIdIsFreeAfterCompaction(@TempDir Path dir) {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            r.retire(new int[] {3});
        }
        for (int i = 0; i < 2; i++) { // compacted on the first reopen, read as is on the second
            try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
                assertThat(r.liveCount()).isEqualTo(3);
                assertThat(r.labels(3)).isNull();
            }
        }
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            assertThat(r.getOrCreate(Labels.of("__name__", "x"))).isEqualTo(3);
        }
    }

    @Test
    void aVersionOneFileIsReadAndUpgraded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            assertThat(r.size()).isEqualTo(4);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) { // as an older agent wrote it
            f.seek(4);
            f.writeInt(Integer.reverseBytes(1));
        }
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            assertThat(r.liveCount()).isEqualTo(4);
            assertThat(r.labels(3)).isEqualTo(D);
        }
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file), 4, 4).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getInt()).isEqualTo(SeriesRegistryFile.VERSION);
    }

    @Test
    void aCutRetirementRecordLosesOnlyItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            r.retire(new int[] {0});
            r.retire(new int[] {2});
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 3); // SIGKILL in the middle of the second retirement
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).singleElement().asString().startsWith(file + ": record at offset");
            assertThat(f.loaded()).containsExactly(null, B, C, D);
        }
    }
}
