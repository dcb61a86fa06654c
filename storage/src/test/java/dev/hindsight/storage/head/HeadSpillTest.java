package dev.hindsight.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.select.SampleCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The head with sealed value streams spilled to scratch files reads as the heap-only head does. */
class HeadSpillTest {
    private static final int SEGMENT = 64 << 10;
    private static final int BATCH = 8 << 10;

    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    private Head spilling(long windowMs, Path spillDir) {
        return new Head(windowMs, new ChunkSpill(spillDir, SEGMENT, BATCH, problems::add));
    }

    private static List<String> read(SampleCursor c) {
        List<String> out = new ArrayList<>();
        while (c.next()) {
            out.add(c.timestamp() + "=" + Double.doubleToRawLongBits(c.value()));
        }
        return out;
    }

    /** Noisy gauges (long value streams) and one constant (a short, shared one). */
    private static void fill(Head a, Head b, int series, int ticks, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int t = 0; t < ticks; t++) {
            long time = 1_000L * t + r.nextInt(3);
            for (int s = 0; s < series; s++) {
                double v = s == 0 ? 7 : r.nextDouble() * 1e6;
                a.append(s, time, v);
                b.append(s, time, v);
            }
        }
    }

    @Test
    void spilledStreamsReadBackBitForBit() {
        Head heap = new Head(Long.MAX_VALUE / 4);
        Head spilled = spilling(Long.MAX_VALUE / 4, dir.resolve("head"));
        fill(heap, spilled, 20, 3_000, 1);
        assertThat(spilled.spilledBytes()).isGreaterThan(100_000);
        assertThat(spilled.series(1).chunks[0].values).as("a noisy series' first chunk is spilled").isNull();
        assertThat(spilled.series(0).chunks[0].values).as("a constant's stream stays shared on the heap").isNotNull();
        for (int s = 0; s < 20; s++) {
            assertThat(read(spilled.cursor(s, 0, Long.MAX_VALUE))).as("series " + s)
                .isEqualTo(read(heap.cursor(s, 0, Long.MAX_VALUE))).hasSize(3_000);
            assertThat(read(spilled.cursor(s, 1_234_000, 1_900_000))).isEqualTo(read(heap.cursor(s, 1_234_000, 1_900_000)));
            SampleCursor a = spilled.cursor(s, 0, Long.MAX_VALUE);
            SampleCursor b = heap.cursor(s, 0, Long.MAX_VALUE);
            assertThat(a.seek(2_500_000)).isEqualTo(b.seek(2_500_000)).isTrue();
            assertThat(a.timestamp()).isEqualTo(b.timestamp());
            assertThat(a.value()).isEqualTo(b.value());
        }
        assertThat(problems).isEmpty();
        try (var files = list(dir.resolve("head"))) {
            assertThat(files).as("spill files are unlinked when made").isEmpty();
        }
    }

    @Test
    void trimmedChunksGiveTheirFilesBack() {
        Head heap = new Head(600_000);
        Head spilled = spilling(600_000, dir.resolve("head"));
        int maxFiles = 0;
        for (int round = 0; round < 10; round++) {
            fill(heap, spilled, 10, 1_000, round); // later rounds' times restart: most are rejected alike
            heap.trim();
            spilled.trim();
            maxFiles = Math.max(maxFiles, spilled.spillFiles());
        }
        SplittableRandom r = new SplittableRandom(99);
        for (int t = 1_000; t < 20_000; t++) {
            for (int s = 0; s < 10; s++) {
                double v = r.nextDouble();
                heap.append(s, 1_000L * t, v);
                spilled.append(s, 1_000L * t, v);
            }
            if (t % 100 == 0) {
                heap.trim();
                spilled.trim();
                maxFiles = Math.max(maxFiles, spilled.spillFiles());
            }
        }
        // 19,000 ticks of 9 noisy series wrote about 1.4 MB, 22 files' worth; the 10 min
        // window holds about a thirtieth of it
        assertThat(maxFiles).isBetween(1, 5);
        assertThat(spilled.spilledBytes()).isLessThan(5L * SEGMENT);
        for (int s = 0; s < 10; s++) {
            assertThat(read(spilled.cursor(s, 0, Long.MAX_VALUE))).isEqualTo(read(heap.cursor(s, 0, Long.MAX_VALUE)));
        }
        assertThat(spilled.sampleCount()).isEqualTo(heap.sampleCount());
    }

    @Test
    void forgottenSeriesReleaseTheirChunks() {
        Head heap = new Head(Long.MAX_VALUE / 4);
        Head spilled = spilling(Long.MAX_VALUE / 4, dir.resolve("head"));
        fill(heap, spilled, 10, 6_000, 3);
        int before = spilled.spillFiles();
        assertThat(before).isGreaterThan(3);
        for (int s = 0; s < 10; s++) {
            spilled.forget(s);
        }
        assertThat(spilled.spillFiles()).as("only the file being written stays").isEqualTo(1);
    }

    @Test
    void anUnwritableDirectoryKeepsStreamsOnTheHeapAndSaysSo() throws Exception {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Head heap = new Head(Long.MAX_VALUE / 4);
        Head spilled = spilling(Long.MAX_VALUE / 4, notADir.resolve("head"));
        fill(heap, spilled, 10, 3_000, 4);
        assertThat(spilled.spilledBytes()).isZero();
        assertThat(spilled.series(1).chunks[0].values).isNotNull();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains(notADir.resolve("head").toString()).contains("stay in memory");
        for (int s = 0; s < 10; s++) {
            assertThat(read(spilled.cursor(s, 0, Long.MAX_VALUE))).isEqualTo(read(heap.cursor(s, 0, Long.MAX_VALUE)));
        }
    }

    @Test
    @Timeout(60)
    void readersSeeEverySampleWhileChunksMoveToTheFile() throws Exception {
        Head head = spilling(Long.MAX_VALUE / 4, dir.resolve("head"));
        int n = 100_000;
        PrefixReader reader = PrefixReader.start(head, 1, n, HeadSpillTest::noisy);
        for (int i = 0; i < n; i++) {
            head.append(0, i, noisy(i + 1)); // fills batches twice as fast
            head.append(1, i, noisy(i));
        }
        assertThat(reader.failure()).isNull();
        assertThat(head.spilledBytes()).isPositive();
    }

    private static double noisy(int i) {
        return Math.sin(i) * 1e6;
    }

    private static java.util.stream.Stream<Path> list(Path d) {
        try {
            return Files.list(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
