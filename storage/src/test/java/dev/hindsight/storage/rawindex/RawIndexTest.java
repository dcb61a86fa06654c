package dev.hindsight.storage.rawindex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.record.RecordHeader;
import dev.hindsight.storage.testing.FileDamage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RawIndexTest {
    private static final int CONTAINERS = 9;
    private static final int SECONDS = 35 * 60; // cycles of 10 minutes: 4, the last one unfinished

    @Test
    void indexesEachFinishedCycleAsTheRecordsOfEachContainer(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(Fleet.T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            RawIndex index = RawIndex.open(log.queue());
            assertThat(index.indexFinishedCycles()).isEqualTo(3);
            assertThat(index.indexFinishedCycles()).as("nothing left to do").isZero();
            assertThat(index.problems()).isEmpty();
            assertThat(indexFiles(log.directory())).hasSize(3);
            assertSameAsQueue(log.queue(), index, 3);

            // reopened: the files are found, checked and used
            RawIndex again = RawIndex.open(log.queue());
            assertThat(again.fileCount()).isEqualTo(3);
            assertThat(again.problems()).isEmpty();
            assertSameAsQueue(log.queue(), again, 3);

            // a time window picks the runs inside it
            int cycle = log.queue().firstCycle();
            LongArrayList runs = new LongArrayList();
            again.forCycle(cycle).runs(2, Fleet.T0 + 100_000, Fleet.T0 + 109_999, runs);
            assertThat(runs.size()).isEqualTo(10);
            assertThat(java.util.Arrays.stream(runs.toLongArray()).map(CycleIndexFile::runLength).boxed()).containsOnly(2L);
            runs.clear();
            again.forCycle(cycle).runs(42, Long.MIN_VALUE, Long.MAX_VALUE, runs);
            assertThat(runs.isEmpty()).as("an unknown container has no runs").isTrue();
        }
    }

    @Test
    void aDamagedIndexIsSetAsideAndBuiltAgain(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(Fleet.T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            RawIndex.open(log.queue()).indexFinishedCycles();
            List<Path> files = indexFiles(log.directory());
            Path flipped = FileDamage.flip(files.get(0), new Random(7));
            Path cut = files.get(1);
            try (RandomAccessFile f = new RandomAccessFile(cut.toFile(), "rw")) {
                f.setLength(f.length() - 5);
            }
            Path tmp = files.get(2).resolveSibling(files.get(2).getFileName() + ".tmp");
            Files.writeString(tmp, "left by a crash");

            RawIndex reopened = RawIndex.open(log.queue());
            assertThat(reopened.fileCount()).isEqualTo(1);
            assertThat(reopened.problems()).hasSize(2);
            assertThat(reopened.problems().get(0) + reopened.problems().get(1))
                .contains(flipped.toString()).contains("fails its checksum")
                .contains(cut.toString()).contains("cut short")
                .contains(".hri.damaged");
            assertThat(flipped.resolveSibling(flipped.getFileName() + ".damaged")).exists();
            assertThat(cut.resolveSibling(cut.getFileName() + ".damaged")).exists();
            assertThat(tmp).doesNotExist();
            assertThat(reopened.forCycle(log.queue().firstCycle())).as("the damaged cycle is scanned meanwhile").isNull();

            assertThat(reopened.indexFinishedCycles()).isEqualTo(2);
            assertSameAsQueue(log.queue(), reopened, 3);
            assertThat(RawIndex.open(log.queue()).problems()).as("the rebuilt files pass their checks").isEmpty();
        }
    }

    @Test
    void aFileNamedForAnotherCycleIsDamaged(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(Fleet.T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            RawIndex.open(log.queue()).indexFinishedCycles();
            List<Path> files = indexFiles(log.directory());
            Files.copy(files.get(0), files.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            RawIndex reopened = RawIndex.open(log.queue());
            assertThat(reopened.problems()).singleElement().asString()
                .contains(files.get(1).toString()).contains("as its name says");
        }
    }

    /** Every container's runs, decoded, are exactly its sample records of each indexed cycle. */
    private static void assertSameAsQueue(SingleChronicleQueue q, RawIndex index, int indexedCycles) {
        RollCycle rc = q.rollCycle();
        int checked = 0;
        for (long c : q.listCyclesBetween(q.firstCycle(), q.lastCycle())) {
            CycleIndexFile f = index.forCycle((int) c);
            if (f == null) {
                continue;
            }
            checked++;
            TreeMap<Integer, List<Long>> expected = new TreeMap<>();
            long records = 0;
            try (ExcerptTailer t = q.createTailer()) {
                assertThat(t.moveToIndex(rc.toIndex((int) c, 0))).isTrue();
                while (true) {
                    try (DocumentContext dc = t.readingDocument()) {
                        if (!dc.isPresent() || rc.toCycle(dc.index()) != c) {
                            break;
                        }
                        Bytes<?> b = dc.wire().bytes();
                        long p = b.readPosition();
                        int type = b.readUnsignedShort(p + RecordHeader.TYPE_OFFSET);
                        if (CycleIndexWriter.isSample(type)) {
                            expected.computeIfAbsent(b.readInt(p + RecordHeader.CONTAINER_ID_OFFSET), k -> new ArrayList<>())
                                .add(rc.toSequenceNumber(dc.index()));
                            records++;
                        }
                    }
                }
            }
            assertThat(f.records()).isEqualTo(records);
            for (int container = 0; container <= CONTAINERS + 1; container++) {
                LongArrayList runs = new LongArrayList();
                f.runs(container, Long.MIN_VALUE, Long.MAX_VALUE, runs);
                List<Long> got = new ArrayList<>();
                for (long r : runs.toLongArray()) {
                    for (int k = 0; k < CycleIndexFile.runLength(r); k++) {
                        got.add(CycleIndexFile.runSequence(r) + k);
                    }
                }
                assertThat(got).as("cycle %d container %d", c, container)
                    .isEqualTo(expected.getOrDefault(container, List.of()));
            }
        }
        assertThat(checked).isEqualTo(indexedCycles);
    }

    static List<Path> indexFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(RawIndexLayout.SUFFIX)).sorted().toList();
        }
    }
}
