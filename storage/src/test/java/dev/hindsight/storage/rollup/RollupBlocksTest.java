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
        blocks.readRange(from, to, ids, out::add);
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

    @Test
    void blocksAnswerExactlyWhatTheQueueAnswers(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            int cycles = w.queue().cycles().size();
            assertThat(cycles).as("several roll cycles").isGreaterThan(3);
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);

            assertThat(w.blocks().compactFinishedCycles()).as("every cycle but the one being written")
                .isEqualTo(cycles - 1);
            assertThat(w.blocks().compactFinishedCycles()).as("nothing left to do").isZero();
            assertThat(blockFiles(tmp.resolve("10s"))).hasSize(cycles - 1);
            assertThat(w.blocks().problems()).isEmpty();

            assertThat(viaBlocks(w.blocks(), 0, Long.MAX_VALUE, ALL)).isNotEmpty().containsExactlyElementsOf(before);
            // sub-ranges that start and end inside cycles, single series, a series with no data
            long[][] ranges = {{T0 + 1_234_000, T0 + 2_500_000}, {T0 + 599_990, T0 + 600_010}, {0, T0 + 5_000},
                {T0 + 10_000_000, T0 + 20_000_000}};
            for (long[] r : ranges) {
                for (int[] ids : new int[][] {ALL, {3}, {5, 1}, {99}}) {
                    assertThat(viaBlocks(w.blocks(), r[0], r[1], ids)).as("range %s..%s", r[0], r[1])
                        .containsExactlyElementsOf(viaQueue(w, r[0], r[1], ids));
                }
            }
        }
    }

    @Test
    void reopenedStoreUsesItsBlocksWithoutCompactingAgain(@TempDir Path tmp) throws Exception {
        List<RollupBucket> before;
        try (RollupWriter w = filled(tmp)) {
            before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            w.blocks().compactFinishedCycles();
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
            w.blocks().compactFinishedCycles();
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
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
    void truncatedBlockIsReportedSetAsideAndCompactedAgain(@TempDir Path tmp) throws Exception {
        try (RollupWriter w = filled(tmp)) {
            w.blocks().compactFinishedCycles();
            List<RollupBucket> before = viaQueue(w, 0, Long.MAX_VALUE, ALL);
            Path victim = blockFiles(tmp.resolve("10s")).get(0);
            long size = Files.size(victim);
            try (var ch = java.nio.channels.FileChannel.open(victim, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(size - 100);
            }
            RollupBlocks blocks = RollupBlocks.open(w.queue());
            assertThat(blocks.problems()).singleElement().asString().contains(victim.toString()).contains("cut short");
            assertThat(Files.exists(victim.resolveSibling(victim.getFileName() + ".damaged"))).isTrue();
            assertThat(viaBlocks(blocks, 0, Long.MAX_VALUE, ALL)).as("its cycle is read from the queue")
                .containsExactlyElementsOf(before);
            assertThat(blocks.compactFinishedCycles()).isEqualTo(1);
            assertThat(Files.size(victim)).isEqualTo(size);
            assertThat(viaBlocks(blocks, 0, Long.MAX_VALUE, ALL)).containsExactlyElementsOf(before);
        }
    }
}
