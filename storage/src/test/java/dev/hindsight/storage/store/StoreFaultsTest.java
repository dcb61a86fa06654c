package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.T0;
import static dev.hindsight.storage.store.StoreTest.WS;
import static dev.hindsight.storage.store.StoreTest.config;
import static dev.hindsight.storage.store.StoreTest.seams;
import static dev.hindsight.storage.store.StoreTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.select.Aggregate;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.SeriesSet;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(360) // one case takes 40 s alone and passed 120 s on a machine loaded by other builds
class StoreFaultsTest {

    @Test
    void truncatedRollupCycleFile(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 0, 1800);
            Store.open(config(dir), seams(clock), log).close();
        }
        Path cycles = dir.resolve("rollup").resolve("10s");
        List<Path> files;
        try (Stream<Path> s = Files.list(cycles)) {
            files = s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        // the first cycle lives in its block file only; the second in both (the newest two cycle
        // files are kept); the third is being written
        assertThat(files).hasSize(2);
        Path victim = files.get(0);
        // as if the damaged cycle had not been compacted yet: its block goes, compaction meets the damage
        Files.delete(Path.of(victim.toString().replace(".cq4", ".hrb")));
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.setLength(20_000);
        }
        try (Store store = Store.open(config(dir), seams(new SetTimeProvider(Instant.ofEpochMilli(T0 + 1_800_000))))) {
            SeriesSet max = store.select(WS, new SelectHints(T0, T0 + 1_800_000, 10_000, 0, Aggregate.MAX));
            assertThat(max.resolutionMs()).isEqualTo(10_000);
            long first = 0;
            long third = 0;
            var c = max.series().get(0).cursor();
            while (c.next()) {
                long sec = (c.timestamp() - T0) / 1000;
                first += sec <= 600 ? 1 : 0;
                third += sec > 1200 ? 1 : 0;
            }
            assertThat(first).as("buckets of the cycle before the damaged one").isEqualTo(60);
            assertThat(third).as("buckets of the cycle after it").isEqualTo(60);
            assertThat(store.problems()).anySatisfy(p -> assertThat(p).startsWith(victim + ": ").contains("cut short"));
        }
    }

    @Test
    void clockSteppingBackAndForthNeitherThrowsNorCorruptsBuckets(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            var w = log.writer();
            w.spec(StoreTest.spec(1, "web"));
            long[] seconds = new long[700];
            for (int i = 0; i < 700; i++) {
                // 0..299 s, then the clock steps back 120 s, then forward by an hour at 600
                seconds[i] = i < 300 ? i : i < 600 ? i - 120 : i + 3600;
            }
            for (long sec : seconds) {
                long t = T0 + 1000 * sec;
                w.containerSample(1, t).set(dev.hindsight.storage.record.ContainerField.MEMORY_WORKING_SET_BYTES, sec);
                w.commitContainerSample();
            }
            try (Store store = Store.open(config(dir), seams(clock), log)) {
                SeriesSet count = store.select(WS, new SelectHints(T0, T0 + 5_000_000, 10_000, 0, Aggregate.COUNT));
                var c = count.series().get(0).cursor();
                long total = 0;
                while (c.next()) {
                    assertThat(c.value()).as("at most one sample a second per 10 s bucket").isLessThanOrEqualTo(10);
                    total += (long) c.value();
                }
                // the 120 re-stamped seconds were dropped (clock went back), everything else counted once
                assertThat(total).isEqualTo(700 - 120);
                var raw = store.select(WS, SelectHints.raw(T0, T0 + 5_000_000)).series().get(0).cursor();
                long last = Long.MIN_VALUE;
                int n = 0;
                while (raw.next()) {
                    assertThat(raw.timestamp()).isGreaterThan(last);
                    last = raw.timestamp();
                    n++;
                }
                assertThat(n).isGreaterThan(0);
            }
        }
    }

    @Test
    void followThreadIngestsWhileQueriesRun(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        StoreSeams following = new StoreSeams(clock, RollCycles.TEN_MINUTELY, RollCycles.TEN_MINUTELY, 2_000, 30_000, true);
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            var w = log.writer();
            try (Store store = Store.open(config(dir), following, log)) {
                write(w, clock, 0, 300);
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (store.newestTimestamp() < T0 + 299_000 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(store.newestTimestamp()).isEqualTo(T0 + 299_000);
                assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + 300_000)), "web")).hasSize(300);
                org.assertj.core.api.Assertions.assertThatThrownBy(store::catchUp).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void retentionDeletesOldRawFilesButRollupsStillAnswer(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        StoreSeams hourly = new StoreSeams(clock, RollCycles.FAST_HOURLY, RollCycles.FAST_DAILY, 2_000, 30_000, false);
        long day = 86_400_000L;
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false)) {
            var w = log.writer();
            w.spec(StoreTest.spec(1, "web"));
            for (long t = T0; t < T0 + 3 * day; t += 300_000) { // every 5 minutes for 3 days
                clock.currentTimeMillis(t);
                w.containerSample(1, t).set(dev.hindsight.storage.record.ContainerField.MEMORY_WORKING_SET_BYTES, 7);
                w.commitContainerSample();
            }
            try (Store store = Store.open(config(dir), hourly, log)) {
                var before = store.select(WS, SelectHints.raw(T0, T0 + day - 1));
                assertThat(StoreTest.samples(before, "web")).hasSize(288);
                var result = store.runRetention();
                assertThat(result.failures()).isEmpty();
                assertThat(result.deleted()).isNotEmpty().allMatch(s -> s.isRaw() || s.resolutionMs() == 10_000);
                assertThat(result.deleted().stream().filter(s -> s.isRaw() && s.path().toString().endsWith(".cq4")).count())
                    .isBetween(45L, 49L);
                assertThat(result.deleted().stream().filter(s -> s.path().toString().endsWith(".hri")).count())
                    .as("each raw cycle file went with its index").isBetween(45L, 49L);
                // raw older than a day is gone; the 1m rollup (kept 7 days) still answers
                assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + day - 1)), "web")).isEmpty();
                var old = store.select(WS, new SelectHints(T0 + 1, T0 + day - 1, 60_000, 0, Aggregate.MAX));
                assertThat(old.resolutionMs()).isEqualTo(60_000);
                assertThat(StoreTest.samples(old, "web")).hasSize(288).allMatch(x -> x[1] == 7);
            }
        }
    }

    @Test
    void truncatedRawCycleFileIsReportedAndSkipped(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, RollCycles.TEN_MINUTELY, clock, false)) {
            write(log.writer(), clock, 0, 1800);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("raw"))) {
            files = s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        assertThat(files).hasSize(3);
        Path victim = files.get(1);
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.setLength(40_000);
        }
        try (Store store = Store.open(config(dir), seams(new SetTimeProvider(Instant.ofEpochMilli(T0 + 1_800_000))))) {
            assertThat(store.problems()).anySatisfy(p -> assertThat(p).startsWith(victim + ": "));
            assertThat(store.newestTimestamp()).isEqualTo(T0 + 1_799_000);
            List<double[]> web = StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + 1_800_000)), "web");
            long first = web.stream().filter(x -> x[0] < T0 + 600_000).count();
            long third = web.stream().filter(x -> x[0] >= T0 + 1_200_000).count();
            assertThat(first).isEqualTo(600);
            assertThat(third).isEqualTo(600);
            SeriesSet max = store.select(WS, new SelectHints(T0, T0 + 1_800_000, 60_000, 0, Aggregate.MAX));
            assertThat(StoreTest.samples(max, "web")).hasSizeGreaterThanOrEqualTo(20);
        }
    }
}
