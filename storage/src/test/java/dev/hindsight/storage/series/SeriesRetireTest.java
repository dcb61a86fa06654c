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

/** Retiring series: forgotten labels and postings, ids never handed out again, and the file across reopens. */
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
    void aLabelSetSeenAgainGetsANewId() {
        SeriesRegistry r = withFour(SeriesRegistry.inMemory());
        r.retire(new int[] {0});
        assertThat(r.getOrCreate(A)).isEqualTo(4);
        assertThat(r.select(List.of(LabelMatcher.eq("id", "/a")))).containsExactly(2, 4);
        assertThat(r.liveCount()).isEqualTo(4);
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
            assertThat(r.getOrCreate(B)).as("ids keep growing past the retired highest one").isEqualTo(4);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).isEmpty();
            assertThat(f.loaded()).containsExactly(A, null, C, null, B);
        }
    }

    @Test
    void aCompactedFileWhoseHighestIdIsRetiredKeepsItsNextId(@TempDir Path dir) {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = withFour(SeriesRegistry.open(SeriesRegistryFile.open(file)))) {
            r.retire(new int[] {3});
        }
        for (int i = 0; i < 2; i++) { // compacted on the first reopen, read as is on the second
            try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
                assertThat(r.size()).isEqualTo(4);
                assertThat(r.liveCount()).isEqualTo(3);
            }
        }
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            assertThat(r.getOrCreate(D)).isEqualTo(4);
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
