package dev.hindsight.storage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.rawindex.Fleet;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.retention.RetentionJob;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.series.MetricCatalog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Raw reads of finished cycles from their raw blocks give exactly what the scan gives, on real files. */
@Timeout(300)
class RawBlockSelectionTest {
    private static final long MIN = 60_000;
    private static final int CONTAINERS = 60;
    private static final int SECONDS = 45 * 60; // 10-minute cycles: 5, the last one unfinished
    private static final long T0 = Fleet.T0;

    static StoreSeams blocks(SetTimeProvider clock) {
        return RawIndexSelectionTest.seams(clock, true).withRawBlocks(true);
    }

    static StoreSeams scan(SetTimeProvider clock) {
        return RawIndexSelectionTest.seams(clock, false);
    }

    private static final String[] METRICS = {"container_memory_working_set_bytes", "container_cpu_usage_seconds_total",
        "container_spec_memory_limit_bytes", MetricCatalog.NETWORK.get(0).name(), MetricCatalog.DISK.get(1).name()};

    /** A random selection: a metric (or none) and a name pattern over a few containers (or all). */
    private static List<LabelMatcher> randomSelection(SplittableRandom r) {
        List<LabelMatcher> m = new ArrayList<>();
        if (r.nextInt(4) != 0) {
            m.add(LabelMatcher.eq("__name__", METRICS[r.nextInt(METRICS.length)]));
        }
        switch (r.nextInt(4)) {
            case 0 -> m.add(LabelMatcher.eq("name", String.format("c%02d", 1 + r.nextInt(CONTAINERS))));
            case 1 -> m.add(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c" + r.nextInt(6) + ".*"));
            case 2 -> m.add(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c.[" + r.nextInt(5) + "-" + (5 + r.nextInt(5)) + "]"));
            default -> {
                if (m.isEmpty()) {
                    m.add(LabelMatcher.eq("name", "c07"));
                }
            }
        }
        return m;
    }

    private static long[] randomRange(SplittableRandom r) {
        long a = T0 - 5 * MIN + r.nextLong(52 * MIN);
        long b = r.nextInt(5) == 0 ? a : a + r.nextLong(50 * MIN);
        return new long[] {a, b};
    }

    @Test
    void blocksAndScanAgreeOnRandomSelectionsAndRanges(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store blocked = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log);
                 Store scanned = Store.open(RawIndexSelectionTest.config(dir.resolve("b"), 86_400_000L), scan(clock), log)) {
                assertThat(blockFiles(log.directory())).as("finished cycles got blocks on catch-up").hasSize(4);
                SplittableRandom r = new SplittableRandom(7);
                int nonEmpty = 0;
                for (int i = 0; i < 150; i++) {
                    List<LabelMatcher> m = randomSelection(r);
                    long[] range = randomRange(r);
                    TreeMap<String, List<String>> got = RawIndexSelectionTest.read(blocked, m, range);
                    assertThat(got).as("%s over [%d, %d]", m, range[0] - T0, range[1] - T0)
                        .isEqualTo(RawIndexSelectionTest.read(scanned, m, range));
                    nonEmpty += got.values().stream().mapToInt(List::size).sum() > 0 ? 1 : 0;
                }
                assertThat(nonEmpty).as("most comparisons have samples to compare").isGreaterThan(100);
                assertThat(blocked.rawBlocks().servedCount()).as("finished cycles were decoded from blocks")
                    .isGreaterThan(100);
                List<String> c05 = RawIndexSelectionTest.read(blocked, List.of(
                    LabelMatcher.eq("__name__", "container_memory_working_set_bytes"), LabelMatcher.eq("name", "c05")),
                    new long[] {T0 + 10 * MIN, T0 + 20 * MIN - 1}).firstEntry().getValue();
                assertThat(c05).hasSize(600).startsWith((T0 + 10 * MIN) + "=" + (5000.0 + 600));
                assertThat(blocked.problems()).isEmpty();
            }
        }
    }

    @Test
    void aRestartedStoreReadsTheBlocksWrittenBefore(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        List<LabelMatcher> m = List.of(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c1.*"));
        long[] range = {T0, T0 + 35 * MIN};
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            TreeMap<String, List<String>> first;
            try (Store store = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log)) {
                first = RawIndexSelectionTest.read(store, m, range);
            }
            List<Path> files = blockFiles(log.directory());
            assertThat(files).hasSize(4);
            long modified = Files.getLastModifiedTime(files.get(0)).toMillis();
            try (Store again = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log);
                 Store scanned = Store.open(RawIndexSelectionTest.config(dir.resolve("b"), 86_400_000L), scan(clock), log)) {
                assertThat(again.blockRawCycles()).as("nothing to write again").isZero();
                assertThat(Files.getLastModifiedTime(files.get(0)).toMillis()).isEqualTo(modified);
                TreeMap<String, List<String>> got = RawIndexSelectionTest.read(again, m, range);
                assertThat(got).isEqualTo(first).isEqualTo(RawIndexSelectionTest.read(scanned, m, range));
                assertThat(got).hasSizeGreaterThan(100); // every series of ten containers
                assertThat(again.rawBlocks().servedCount()).isEqualTo(4);
                assertThat(again.problems()).isEmpty();
            }
        }
    }

    @Test
    void damagedAndTruncatedBlocksAreReportedSetAsideAndWrittenAgain(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        List<LabelMatcher> m = List.of(LabelMatcher.of(LabelMatcher.Op.RE, "name", "c.*")); // every series
        long[] range = {T0, T0 + 44 * MIN};
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store store = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log)) {
                assertThat(store.problems()).isEmpty();
            }
            List<Path> files = blockFiles(log.directory());
            Path cut = files.get(1);
            Path flipped = files.get(2);
            try (FileChannel ch = FileChannel.open(cut, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() - 100);
            }
            flipLastSeriesStream(flipped);
            try (Store store = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log);
                 Store scanned = Store.open(RawIndexSelectionTest.config(dir.resolve("b"), 86_400_000L), scan(clock), log)) {
                // the cut block was found on open, set aside and written again on catch-up
                assertThat(store.problems()).singleElement().asString().contains(cut.getFileName().toString())
                    .contains("cut short").contains(".hrs.damaged");
                assertThat(cut.resolveSibling(cut.getFileName() + ".damaged")).exists();
                assertThat(cut).exists();
                // the flipped one passes its header checks: found when its stream is read
                TreeMap<String, List<String>> expected = RawIndexSelectionTest.read(scanned, m, range);
                assertThat(RawIndexSelectionTest.read(store, m, range)).isEqualTo(expected);
                assertThat(store.problems()).hasSize(2).last().asString().contains(flipped.getFileName().toString())
                    .contains("fails its checksum").contains("set aside");
                assertThat(flipped).doesNotExist();
                assertThat(store.blockRawCycles()).as("written again").isEqualTo(1);
                assertThat(flipped).exists();
                long served = store.rawBlocks().servedCount();
                assertThat(RawIndexSelectionTest.read(store, m, range)).isEqualTo(expected);
                assertThat(store.rawBlocks().servedCount() - served).isEqualTo(4);
                assertThat(store.problems()).hasSize(2);
            }
        }
    }

    @Test
    void retentionDeletesTheBlockWithItsCycle(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store store = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 24 * MIN), blocks(clock), log)) {
                List<Path> before = blockFiles(log.directory());
                assertThat(before).hasSize(4);
                RetentionJob.Result r = store.runRetention();
                assertThat(r.failures()).isEmpty();
                assertThat(r.deleted()).extracting(s -> s.path().getFileName().toString())
                    .contains(before.get(0).getFileName().toString(), before.get(1).getFileName().toString());
                assertThat(blockFiles(log.directory())).containsExactly(before.get(2), before.get(3));
                assertThat(store.blockRawCycles()).as("deleted cycles get no block again").isZero();
                List<String> got = RawIndexSelectionTest.read(store, List.of(
                    LabelMatcher.eq("__name__", "container_memory_working_set_bytes"), LabelMatcher.eq("name", "c05")),
                    new long[] {T0, T0 + SECONDS * 1000L}).firstEntry().getValue();
                assertThat(got).hasSize(SECONDS - 20 * 60).startsWith((T0 + 20 * MIN) + "=" + (5000.0 + 1200));
                assertThat(store.problems()).isEmpty();
            }
        }
    }

    @Test
    void aChangedSpecMakesBlocksStaleTheLogIsReadAndTheyAreWrittenAgain(@TempDir Path dir) throws IOException {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        List<LabelMatcher> m = List.of(LabelMatcher.eq("__name__", "container_spec_memory_limit_bytes"),
            LabelMatcher.eq("name", "c03"));
        long[] range = {T0, T0 + 35 * MIN};
        try (RawLog log = RawLog.open(dir.resolve("log"), RollCycles.TEN_MINUTELY, clock, false)) {
            Fleet.write(log.writer(), clock, CONTAINERS, SECONDS);
            try (Store store = Store.open(RawIndexSelectionTest.config(dir.resolve("a"), 86_400_000L), blocks(clock), log)) {
                assertThat(RawIndexSelectionTest.read(store, m, range).firstEntry().getValue())
                    .allMatch(s -> s.endsWith("=" + (double) (1L << 30)));
                ContainerSpec old = Fleet.spec(3);
                long t = T0 + SECONDS * 1000L;
                clock.currentTimeMillis(t);
                dev.hindsight.storage.raw.RawLogWriter w = log.writer();
                w.spec(new ContainerSpec(3, t, old.cgroupPath(), old.name(), old.image(), old.runtime(),
                    Map.of("tier", "web"), old.createdMs(), old.cpuShares(), old.cpuQuotaUs(), old.cpuPeriodUs(), "", "",
                    2L << 30, old.memoryReservationBytes(), old.memorySwapLimitBytes(), old.pidsMax()));
                w.containerSample(3, t).set(ContainerField.MEMORY_WORKING_SET_BYTES, 1);
                w.commitContainerSample();
                store.catchUp();
                long served = store.rawBlocks().servedCount();
                try (Store scanned = Store.open(RawIndexSelectionTest.config(dir.resolve("b"), 86_400_000L), scan(clock), log)) {
                    TreeMap<String, List<String>> expected = RawIndexSelectionTest.read(scanned, m, range);
                    assertThat(expected.firstEntry().getValue()).as("the scan maps old records with the new spec")
                        .allMatch(s -> s.endsWith("=" + (double) (2L << 30)));
                    assertThat(RawIndexSelectionTest.read(store, m, range)).isEqualTo(expected);
                    assertThat(store.rawBlocks().servedCount()).as("no stale block served").isEqualTo(served);
                    assertThat(store.blockRawCycles()).as("the stale blocks are written again").isEqualTo(4);
                    assertThat(RawIndexSelectionTest.read(store, m, range)).isEqualTo(expected);
                    assertThat(store.rawBlocks().servedCount()).isGreaterThan(served);
                }
                assertThat(store.problems()).isEmpty();
            }
        }
    }

    /** Flips a byte in the last series' stream: the header and tables still pass their checksum. */
    private static void flipLastSeriesStream(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            long at = ch.size() - 3;
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).position(0);
            ch.write(b, at);
        }
    }

    static List<Path> blockFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".hrs")).sorted().toList();
        }
    }
}
