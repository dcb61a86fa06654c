package dev.hindsight.storage.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block files compacted from finished roll cycles answer exactly what the queue answers,
 * and damaged block files are reported with their path without hiding the rest.
 */
@Timeout(120)
class RollupBlocksTest {
    static final long T0 = RollupRestartTest.T0;
    static final int[] ALL = {0, 1, 2, 3, 4, 5};

    private static RollupWriter filled(Path dir) {
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        RollupWriter w = RollupRestartTest.open(dir, clock);
        List<RollupRestartTest.Rec> recs = RollupRestartTest.data(3600);
        RollupRestartTest.feed(w, clock, recs, 0, recs.size());
        w.flushBefore(Long.MAX_VALUE);
        return w;
    }

    private static List<RollupBucket> viaQueue(RollupWriter w, long from, long to, int... ids) {
        List<RollupBucket> out = new ArrayList<>();
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int id : ids) {
            wanted.add(id);
        }
        w.queue().readRange(from, to, wanted::contains, out::add);
        return sorted(out);
    }

    private static List<RollupBucket> viaBlocks(RollupBlocks blocks, long from, long to, int... ids) {
        List<RollupBucket> out = new ArrayList<>();
        blocks.readRange(from, to, ids, Long.MAX_VALUE, out::add);
        return sorted(out);
    }

    private static List<RollupBucket> sorted(List<RollupBucket> l) {
        l.sort(Comparator.comparingInt(RollupBucket::seriesId).thenComparingLong(RollupBucket::startMs));
        return l;
    }

    private static List<Path> blockFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(RollupBlockLayout.SUFFIX)).sorted().toList();
        }
    }

    static final long[][] RANGES = {{0, Long.MAX_VALUE}, {T0 + 1_234_000, T0 + 2_500_000}, {T0 + 599_990, T0 + 600_010},
        {0, T0 + 5_000}, {T0 + 10_000_000, T0 + 20_000_000}};
    static final int[][] SELECTIONS = {ALL, {3}, {5, 1}, {99}, {-1, 1, 4, 5, 99}, {0, 2, 3, 7}};

    @Test
    void blocksAnswerExactlyWhatTheQueueAnswered(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            int cycles = w.queue().cycles().size();
            assertThat(cycles).as("several roll cycles").isGreaterThan(3);
            java.util.Map<String, List<RollupBucket>> before = new java.util.HashMap<>();
            for (long[] r : RANGES) {
                for (int[] ids : SELECTIONS) {
                    before.put(r[0] + ".." + r[1] + " " + java.util.Arrays.toString(ids), viaQueue(w, r[0], r[1], ids));
                }
            }
            assertThat(w.blocks().compactFinishedCycles()).as("every cycle but the one being written")
                .isEqualTo(cycles - 1);
            assertThat(w.blocks().compactFinishedCycles()).as("nothing left to do").isZero();
            assertThat(blockFiles(tmp.resolve("10s"))).hasSize(cycles - 1);
            assertThat(w.queue().cycles()).as("compacted cycle files deleted but the newest two").hasSize(2);
            assertThat(w.blocks().problems()).isEmpty();
            assertThat(before.get("0.." + Long.MAX_VALUE + " " + java.util.Arrays.toString(ALL)))
                .as("an hour of six series at 10 s, one of them quiet for the second half").hasSizeBetween(5 * 360, 6 * 360);
            for (long[] r : RANGES) {
                for (int[] ids : SELECTIONS) {
                    String k = r[0] + ".." + r[1] + " " + java.util.Arrays.toString(ids);
                    assertThat(viaBlocks(w.blocks(), r[0], r[1], ids)).as(k).containsExactlyElementsOf(before.get(k));
                }
            }
        }
    }

    @Test
    void compactingInSmallGroupsWritesTheSameBlock(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            int cycle = w.queue().cycles().get(1);
            Path whole = tmp.resolve("whole" + RollupBlockLayout.SUFFIX);
            Path grouped = tmp.resolve("grouped" + RollupBlockLayout.SUFFIX);
            Path pairs = tmp.resolve("pairs" + RollupBlockLayout.SUFFIX);
            RollupBlockWriter.Result a = RollupBlockWriter.write(w.queue(), cycle, whole);
            // 7 rows a group: each series' rows (60 a cycle) in a group of their own;
            // 130 rows: two series a group, their rows interleaved on the group's pages; pages
            // of 16 rows, so that a group's rows take several, the last one partly filled
            RollupBlockWriter.Result b = RollupBlockWriter.write(w.queue(), cycle, grouped, 7L * RollupBlockLayout.ROW_LENGTH, 16);
            RollupBlockWriter.Result c = RollupBlockWriter.write(w.queue(), cycle, pairs, 130L * RollupBlockLayout.ROW_LENGTH, 16);
            assertThat(a.series()).isEqualTo(6);
            assertThat(a.buckets()).isGreaterThan(300).isEqualTo(b.buckets()).isEqualTo(c.buckets());
            assertThat(Files.readAllBytes(grouped)).isEqualTo(Files.readAllBytes(whole));
            assertThat(Files.readAllBytes(pairs)).isEqualTo(Files.readAllBytes(whole));
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(Path::toString)).noneMatch(p -> p.endsWith(".tmp"));
            }
        }
    }

    @Test
    void groupsHoldConsecutiveSeriesUpToTheirBytes() {
        int row = RollupBlockLayout.ROW_LENGTH;
        assertThat(RollupBlockWriter.groups(new int[] {3, 3, 3, 10, 1, 1}, 6L * row)).containsExactly(0, 2, 3, 4, 6);
        assertThat(RollupBlockWriter.groups(new int[] {360}, 7L * row)).containsExactly(0, 1);
        assertThat(RollupBlockWriter.groups(new int[0], 7L * row)).containsExactly(0);
    }

    @Test
    void positionGallopsFromWhereTheLastSearchEnded(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            w.blocks().compactFinishedCycles();
            RollupBlockFile f = RollupBlockFile.open(blockFiles(tmp.resolve("10s")).get(0), w.queue().resolutionMs());
            assertThat(f.seriesCount()).isEqualTo(ALL.length);
            for (int from = 0; from <= ALL.length; from++) {
                for (int id = -1; id <= ALL.length; id++) {
                    // found at its own position, or absent: inserted at or after where the search began
                    int want = id >= from && id >= 0 && id < ALL.length ? id
                        : -Math.max(from, Math.min(Math.max(id, 0), ALL.length)) - 1;
                    assertThat(f.position(id, from)).as("id %d from %d", id, from).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void reopenedStoreUsesItsBlocksWithoutCompactingAgain(@TempDir Path tmp) throws Exception {
        List<RollupBucket> before;
        try (RollupWriter w = filled(tmp)) {
            before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            assertThat(w.blocks().compactFinishedCycles()).isPositive();
        }
        SetTimeProvider clock = new SetTimeProvider(java.time.Instant.ofEpochMilli(T0));
        try (RollupWriter w = RollupRestartTest.open(tmp, clock)) {
            assertThat(w.blocks().blockCount()).isEqualTo(blockFiles(tmp.resolve("10s")).size()).isPositive();
            assertThat(w.blocks().compactFinishedCycles()).isZero();
            assertThat(viaBlocks(w.blocks(), 0, Long.MAX_VALUE, ALL)).containsExactlyElementsOf(before);
        }
    }

    @Test
    void flippedRowIsReportedAndOnlyThatSeriesBlockIsSkipped(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            w.blocks().compactFinishedCycles();
            Path victim = blockFiles(tmp.resolve("10s")).get(1);
            List<RollupBucket> lost = new ArrayList<>();
            int seriesInBlock;
            {
                RollupBlockFile f = RollupBlockFile.open(victim, RollupRestartTest.RES);
                assertThat(f.read(0, 0, Long.MAX_VALUE, lost::add)).isTrue();
                seriesInBlock = f.seriesCount();
            }
            assertThat(lost).as("series 0 has rows in the block").isNotEmpty();
            // flip a bit inside the rows of the table's first series (series 0)
            byte[] bytes = Files.readAllBytes(victim);
            bytes[(int) RollupBlockLayout.rowsOffset(seriesInBlock) + RollupBlockLayout.ROW_SUM_OFFSET + 3] ^= 0x40;
            Files.write(victim, bytes);

            RollupBlocks blocks = RollupBlocks.open(w.queue());
            List<RollupBucket> got = viaBlocks(blocks, 0, Long.MAX_VALUE, ALL);
            assertThat(blocks.problems()).singleElement().asString()
                .contains(victim.toString()).contains("series 0").contains("checksum");
            List<RollupBucket> expected = new ArrayList<>(before);
            expected.removeAll(lost);
            assertThat(expected).hasSize(before.size() - lost.size());
            assertThat(got).as("everything but series 0's rows of the damaged block").containsExactlyElementsOf(expected);
        }
    }

    @Test
    void truncatedBlockIsReportedSetAsideAndCompactedAgainWhileItsCycleFileExists(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            w.blocks().compactFinishedCycles();
            List<Path> blocks = blockFiles(tmp.resolve("10s"));
            Path newest = blocks.get(blocks.size() - 1);
            Path oldest = blocks.get(0);
            long size = Files.size(newest);
            List<RollupBucket> lost = new ArrayList<>();
            RollupBlockFile oldestFile = RollupBlockFile.open(oldest, RollupRestartTest.RES);
            for (int id : ALL) {
                oldestFile.read(id, 0, Long.MAX_VALUE, lost::add);
            }
            for (Path victim : List.of(newest, oldest)) {
                try (var ch = java.nio.channels.FileChannel.open(victim, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(Files.size(victim) - 100);
                }
            }
            RollupBlocks blocksAgain = RollupBlocks.open(w.queue());
            assertThat(blocksAgain.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("cut short"))
                .anySatisfy(p -> assertThat(p).startsWith(newest + ": "))
                .anySatisfy(p -> assertThat(p).startsWith(oldest + ": "));
            assertThat(newest.resolveSibling(newest.getFileName() + ".damaged")).exists();
            List<RollupBucket> expected = new ArrayList<>(before);
            expected.removeAll(lost);
            assertThat(lost).isNotEmpty();
            assertThat(viaBlocks(blocksAgain, 0, Long.MAX_VALUE, ALL))
                .as("the newest damaged block's cycle is read from its queue file; the oldest one's is gone")
                .containsExactlyElementsOf(expected);
            assertThat(blocksAgain.compactFinishedCycles()).as("compacted again from its cycle file").isEqualTo(1);
            assertThat(Files.size(newest)).isEqualTo(size);
            assertThat(viaBlocks(blocksAgain, 0, Long.MAX_VALUE, ALL)).containsExactlyElementsOf(expected);
        }
    }

    /** Block files of version 1 (fixed 48-byte rows) from an earlier release are still read, unchanged. */
    @Test
    void versionOneBlockFilesStillRead(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            w.blocks().compactFinishedCycles();
            long encodedBytes = 0;
            long fixedBytes = 0;
            for (Path block : blockFiles(tmp.resolve("10s"))) {
                encodedBytes += Files.size(block);
                RollupBlockFile f = RollupBlockFile.open(block, RollupRestartTest.RES);
                List<List<RollupBucket>> perSeries = new ArrayList<>();
                for (int id : ALL) {
                    List<RollupBucket> rows = new ArrayList<>();
                    f.read(id, 0, Long.MAX_VALUE, rows::add);
                    perSeries.add(rows);
                }
                writeVersionOne(block, f, perSeries);
                fixedBytes += Files.size(block);
            }
            assertThat(encodedBytes).as("encoded rows against fixed ones").isLessThan(fixedBytes / 2);
            RollupBlocks reopened = RollupBlocks.open(w.queue());
            assertThat(reopened.problems()).isEmpty();
            assertThat(viaBlocks(reopened, 0, Long.MAX_VALUE, ALL)).containsExactlyElementsOf(before);
        }
    }

    private static void writeVersionOne(Path block, RollupBlockFile f, List<List<RollupBucket>> perSeries)
            throws Exception {
        List<Integer> ids = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < ALL.length; k++) {
            if (!perSeries.get(k).isEmpty()) {
                ids.add(k);
                total += perSeries.get(k).size();
            }
        }
        int series = ids.size();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) RollupBlockLayout.fixedRowsFileLength(series, total))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long rowsAt = RollupBlockLayout.rowsOffset(series);
        long row = 0;
        for (int i = 0; i < series; i++) {
            List<RollupBucket> rows = perSeries.get(ids.get(i));
            int e = RollupBlockLayout.HEADER_LENGTH + i * RollupBlockLayout.ENTRY_LENGTH;
            b.putInt(e + RollupBlockLayout.ENTRY_SERIES_OFFSET, ALL[ids.get(i)]);
            b.putInt(e + RollupBlockLayout.ENTRY_COUNT_OFFSET, rows.size());
            b.putLong(e + RollupBlockLayout.ENTRY_FIRST_OFFSET, row);
            int from = (int) (rowsAt + row * RollupBlockLayout.ROW_LENGTH);
            for (RollupBucket r : rows) {
                int o = (int) (rowsAt + row++ * RollupBlockLayout.ROW_LENGTH);
                b.putInt(o + RollupBlockLayout.ROW_SLOT_OFFSET, (int) ((r.startMs() - f.minStartMs()) / RollupRestartTest.RES));
                b.putInt(o + RollupBlockLayout.ROW_COUNT_OFFSET, r.count());
                b.putDouble(o + RollupBlockLayout.ROW_SUM_OFFSET, r.sum());
                b.putDouble(o + RollupBlockLayout.ROW_MIN_OFFSET, r.min());
                b.putDouble(o + RollupBlockLayout.ROW_MAX_OFFSET, r.max());
                b.putDouble(o + RollupBlockLayout.ROW_LAST_OFFSET, r.last());
                b.putDouble(o + RollupBlockLayout.ROW_COUNTER_OFFSET, r.counter());
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b.array(), from, rows.size() * RollupBlockLayout.ROW_LENGTH);
            b.putInt(e + RollupBlockLayout.ENTRY_CRC_OFFSET, (int) crc.getValue());
        }
        b.putInt(RollupBlockLayout.MAGIC_OFFSET, RollupBlockLayout.MAGIC);
        b.putShort(RollupBlockLayout.VERSION_OFFSET, (short) RollupBlockLayout.VERSION_FIXED_ROWS);
        b.putLong(RollupBlockLayout.RESOLUTION_OFFSET, RollupRestartTest.RES);
        b.putInt(RollupBlockLayout.CYCLE_OFFSET, f.cycle());
        b.putInt(RollupBlockLayout.SERIES_COUNT_OFFSET, series);
        b.putLong(RollupBlockLayout.BUCKET_COUNT_OFFSET, total);
        b.putLong(RollupBlockLayout.MIN_START_OFFSET, f.minStartMs());
        b.putLong(RollupBlockLayout.MAX_START_OFFSET, f.maxStartMs());
        b.putInt(RollupBlockLayout.CRC_OFFSET, RollupBlockWriter.headerCrc(b.slice(0, (int) rowsAt)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN)));
        Files.write(block, b.array());
    }
}
