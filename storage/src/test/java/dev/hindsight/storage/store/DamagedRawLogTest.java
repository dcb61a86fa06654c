package dev.hindsight.storage.store;

import dev.hindsight.storage.testing.FileDamage;

import static dev.hindsight.storage.store.StoreTest.T0;
import static dev.hindsight.storage.store.StoreTest.WS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.select.SelectHints;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage to the raw log itself, as {@code CorruptionTest} does it to an agent's directory: three
 * hours in hourly cycle files, then bytes flipped in a middle file or the newest file cut to
 * half. The store reports the file, reads past the damage, and records appended after the
 * restart (in the same roll cycle) are ingested.
 */
@Timeout(120)
class DamagedRawLogTest {
    private static final int HISTORY_S = 3 * 3600;

    @TempDir
    Path dir;

    private static StoreSeams hourly(SetTimeProvider clock) {
        return new StoreSeams(clock, RollCycles.FAST_HOURLY, RollCycles.FAST_DAILY, 2_000, 30_000, false);
    }

    /** The defaults: a two-hour head window, so that opening replays through the middle file. */
    private HindsightConfig config() {
        return HindsightConfig.defaults().withDataDir(dir);
    }

    private List<Path> history(SetTimeProvider clock) throws IOException {
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false)) {
            StoreTest.write(log.writer(), clock, 0, HISTORY_S);
            Store.open(config(), hourly(clock), log).close();
        }
        try (Stream<Path> s = Files.list(dir.resolve("raw"))) {
            return s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Restarts in the newest file's roll cycle, appends 100 s more, and checks they are ingested. */
    private Store restartAndAppend(SetTimeProvider clock, RawLog log) {
        clock.currentTimeMillis(T0 + HISTORY_S * 1000L);
        Store store = Store.open(config(), hourly(clock), log);
        StoreTest.write(log.writer(), clock, HISTORY_S + 1, HISTORY_S + 101);
        store.catchUp();
        long from = T0 + (HISTORY_S + 1) * 1000L;
        assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(from, from + 100_000)), "web"))
            .as("records appended after the restart").hasSize(100);
        assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + 3_599_999)), "web"))
            .as("the first hour, never damaged").hasSize(3600);
        return store;
    }

    @Test
    void newestFileCutShortIsSetAsideAndAppendingGoesOnWhereReadersFollow() throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        List<Path> raw = history(clock);
        Path newest = raw.get(raw.size() - 1);
        cutToHalf(newest);
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false);
             Store store = restartAndAppend(clock, log)) {
            assertThat(log.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith(newest + ": cut short").contains("set aside as " + newest.getFileName() + ".damaged"));
            assertThat(store.problems()).contains(log.problems().get(0));
            assertThat(newest.resolveSibling(newest.getFileName() + ".damaged")).exists();
        }
        try (RawLog again = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false)) {
            assertThat(again.problems()).as("the repaired file is whole").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void bytesFlippedInAMiddleFileAreReportedAndReadPast(int seed) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        List<Path> raw = history(clock);
        Path middle = raw.get(raw.size() / 2);
        FileDamage.flip(middle, new Random(seed));
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false);
             Store store = restartAndAppend(clock, log)) {
            assertThat(store.problems()).as("the damage is reported with the file")
                .anySatisfy(p -> assertThat(p).startsWith(middle + ": "));
        }
    }

    @Test
    void recordStampedFarAfterTheClockIsSkippedAndReported() throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        long future = System.currentTimeMillis() + 86_400_000L;
        try (RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, clock, false)) {
            RawLogWriter w = log.writer();
            StoreTest.write(w, clock, 0, 600);
            w.containerSample(1, future).set(ContainerField.MEMORY_WORKING_SET_BYTES, 1);
            w.commitContainerSample();
            StoreTest.write(w, clock, 600, 1200);
            try (Store store = Store.open(config(), hourly(clock), log)) {
                assertThat(store.newestTimestamp()).isEqualTo(T0 + 1_199_000);
                assertThat(StoreTest.samples(store.select(WS, SelectHints.raw(T0, T0 + 1_200_000)), "web"))
                    .hasSize(1200);
                assertThat(store.unreadableRecords()).isEqualTo(1);
                assertThat(store.problems()).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("raw") + "/")
                    .contains("after the clock"));
            }
        }
    }

    static void cutToHalf(Path file) throws IOException {
        long used = FileDamage.usedBytes(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(Math.max(1, used / 2));
        }
    }
}
