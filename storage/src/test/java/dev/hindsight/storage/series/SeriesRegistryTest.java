package dev.hindsight.storage.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.LabelMatcher.Op;
import dev.hindsight.storage.select.Labels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesRegistryTest {
    private static final Labels A = Labels.of("__name__", "cpu", "id", "/a", "name", "web");
    private static final Labels B = Labels.of("__name__", "cpu", "id", "/b", "name", "db", "image", "pg");
    private static final Labels C = Labels.of("__name__", "mem", "id", "/a", "name", "web");
    private static final Labels D = Labels.of("__name__", "mem", "id", "/c");

    private static SeriesRegistry registry() {
        SeriesRegistry r = SeriesRegistry.inMemory();
        for (Labels l : List.of(A, B, C, D)) {
            r.getOrCreate(l);
        }
        return r;
    }

    private static int[] select(SeriesRegistry r, LabelMatcher... ms) {
        return r.select(List.of(ms));
    }

    @Test
    void idsAreDenseAndStable() {
        SeriesRegistry r = registry();
        assertThat(r.getOrCreate(B)).isEqualTo(1);
        assertThat(r.find(D)).isEqualTo(3);
        assertThat(r.find(Labels.of("x", "y"))).isEqualTo(-1);
        assertThat(r.labels(2)).isEqualTo(C);
        assertThat(r.size()).isEqualTo(4);
    }

    @Test
    void matchersFollowPrometheusSemantics() {
        SeriesRegistry r = registry();
        assertThat(select(r, LabelMatcher.eq("__name__", "cpu"))).containsExactly(0, 1);
        assertThat(select(r, LabelMatcher.eq("__name__", "mem"), LabelMatcher.eq("name", "web"))).containsExactly(2);
        assertThat(select(r, LabelMatcher.eq("__name__", "mem"), LabelMatcher.of(Op.NEQ, "name", "web"))).containsExactly(3);
        assertThat(select(r, LabelMatcher.of(Op.RE, "id", "/(a|b)"))).containsExactly(0, 1, 2);
        assertThat(select(r, LabelMatcher.of(Op.NRE, "id", "/a"))).containsExactly(1, 3);
        // "" matches series without the label
        assertThat(select(r, LabelMatcher.eq("image", ""))).containsExactly(0, 2, 3);
        assertThat(select(r, LabelMatcher.of(Op.RE, "image", "pg|"))).containsExactly(0, 1, 2, 3);
        assertThat(select(r, LabelMatcher.eq("__name__", "nope"))).isEmpty();
        assertThat(select(r)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void labelNamesAndValues() {
        SeriesRegistry r = registry();
        int[] cpu = select(r, LabelMatcher.eq("__name__", "cpu"));
        assertThat(r.labelNames(cpu)).containsExactly("__name__", "id", "image", "name");
        assertThat(r.labelValues("name", select(r))).containsExactly("db", "web");
        assertThat(r.labelValues("image", cpu)).containsExactly("pg");
    }

    @Test
    void persistedIdsSurviveReopen(@TempDir Path dir) {
        Path file = dir.resolve("series/series.idx");
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            r.getOrCreate(A);
            r.getOrCreate(B);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file); SeriesRegistry r = SeriesRegistry.open(f)) {
            assertThat(f.problems()).isEmpty();
            assertThat(r.find(B)).isEqualTo(1);
            assertThat(r.getOrCreate(C)).isEqualTo(2);
            assertThat(select(r, LabelMatcher.eq("id", "/a"))).containsExactly(0, 2);
        }
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            assertThat(r.size()).isEqualTo(3);
            assertThat(r.labels(2)).isEqualTo(C);
        }
    }

    @Test
    void truncatedFileKeepsTheIntactPrefixAndSaysWhere(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            r.getOrCreate(A);
            r.getOrCreate(B);
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 3);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file); SeriesRegistry r = SeriesRegistry.open(f)) {
            assertThat(f.problems()).hasSize(1);
            assertThat(f.problems().get(0)).startsWith(file + ": record at offset ").endsWith("1 series kept");
            assertThat(r.size()).isEqualTo(1);
            assertThat(r.getOrCreate(B)).isEqualTo(1);
        }
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file); SeriesRegistry r = SeriesRegistry.open(f)) {
            assertThat(f.problems()).isEmpty();
            assertThat(r.size()).isEqualTo(2);
        }
    }

    @Test
    void flippedByteIsCaughtByTheChecksum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.idx");
        try (SeriesRegistry r = SeriesRegistry.open(SeriesRegistryFile.open(file))) {
            r.getOrCreate(A);
            r.getOrCreate(B);
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 2] ^= 0x20;
        Files.write(file, bytes);
        try (SeriesRegistryFile f = SeriesRegistryFile.open(file)) {
            assertThat(f.problems()).singleElement().asString().contains("fails its checksum");
            assertThat(f.loaded()).containsExactly(A);
        }
    }

    @Test
    void postingsSetOperations() {
        assertThat(Postings.intersect(new int[] {1, 3, 5, 7}, new int[] {3, 4, 7})).containsExactly(3, 7);
        assertThat(Postings.union(new int[] {1, 5}, new int[] {2, 5, 9})).containsExactly(1, 2, 5, 9);
        assertThat(Postings.subtract(new int[] {1, 2, 3, 4}, new int[] {2, 4, 6})).containsExactly(1, 3);
    }
}
