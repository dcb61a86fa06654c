package dev.hindsight.storage.store;

import static dev.hindsight.storage.store.StoreTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.config.HindsightConfig;
import dev.hindsight.storage.config.RetentionConfig;
import dev.hindsight.storage.config.RollupLevel;
import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.SampleCursor;
import dev.hindsight.storage.select.SelectHints;
import dev.hindsight.storage.select.Series;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container churn against the store: the series of a container gone for longer than any data
 * is kept, and a vanished interface of a live one, are retired by retention, stay retired
 * across a restart, and come back under new ids when they reappear: fresh ones while the
 * retired ids are in quarantine, the retired ones after it.
 */
@Timeout(120)
class SeriesRetirementTest {
    private static final long MIN = 60_000;
    private static final byte[] ETH0 = "eth0".getBytes(StandardCharsets.US_ASCII);

    /** Raw and both rollup levels kept 30 minutes, a 10-minute head, 10-minute roll cycles. */
    private static HindsightConfig config(Path dir) {
        RetentionConfig r = new RetentionConfig(30 * MIN, 10 * MIN,
            List.of(new RollupLevel(10_000, 30 * MIN), new RollupLevel(MIN, 30 * MIN)), OptionalLong.empty());
        return HindsightConfig.defaults().withDataDir(dir).withRetention(r);
    }

    /**
     * Every 5 s of [fromMin, toMin): container 2 ("live") with eth0 while {@code eth0}, and
     * container {@code oldId} ("old", at /docker/old) while {@code old}.
     */
    private static void write(RawLogWriter w, SetTimeProvider clock, int fromMin, int toMin, int oldId, boolean old,
                              boolean eth0) {
        for (long t = T0 + fromMin * MIN; t < T0 + toMin * MIN; t += 5_000) {
            clock.currentTimeMillis(t);
            if (t == T0 + fromMin * MIN) {
                w.spec(StoreTest.spec(2, "live"));
                if (old) {
                    w.spec(StoreTest.spec(oldId, "old"));
                }
            }
            w.containerSample(2, t).set(ContainerField.MEMORY_WORKING_SET_BYTES, t);
            w.commitContainerSample();
            if (eth0) {
                w.interfaceSample(2, t, ETH0, ETH0.length).setCounter(0, t);
                w.commitInterfaceSample();
            }
            if (old) {
                w.containerSample(oldId, t).set(ContainerField.MEMORY_WORKING_SET_BYTES, t);
                w.commitContainerSample();
            }
        }
    }

    private static final LabelMatcher OLD_ONES = LabelMatcher.eq("name", "old");
    private static final LabelMatcher ETH0_SERIES = LabelMatcher.eq("interface", "eth0");

    /** Container 1 ("old") and container 2's eth0 for the first 10 minutes, then container 2 alone until minute 120. */
    private static void writeGoneContainerAndInterface(RawLogWriter w, SetTimeProvider clock) {
        write(w, clock, 0, 10, 1, true, true);
        write(w, clock, 10, 120, 1, false, false);
    }

    private static List<Series> select(Store store, LabelMatcher m) {
        return store.select(List.of(m), SelectHints.raw(T0, T0 + 1000 * MIN)).series();
    }

    private static long firstSample(Series s) {
        SampleCursor c = s.cursor();
        return c.next() ? c.timestamp() : Long.MAX_VALUE;
    }

    @Test
    void seriesWithoutDataLeftAreRetiredAndComeBackUnderNewIds(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        LabelMatcher oldOnes = OLD_ONES;
        LabelMatcher eth0 = ETH0_SERIES;
        try (RawLog log = RawLog.open(dir, StoreTest.seams(clock).rawRollCycle(), clock, false)) {
            RawLogWriter w = log.writer();
            writeGoneContainerAndInterface(w, clock);
            int retiredHere;
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                int oldSeries = select(store, oldOnes).size();
                int ethSeries = select(store, eth0).size();
                int before = store.seriesCount();
                assertThat(oldSeries).isGreaterThan(5);
                assertThat(ethSeries).isEqualTo(8);

                var result = store.runRetention();
                assertThat(result.failures()).isEmpty();
                assertThat(result.deleted()).isNotEmpty();
                retiredHere = oldSeries + ethSeries;
                assertThat(store.retiredSeriesCount()).isEqualTo(retiredHere);
                assertThat(store.seriesCount()).isEqualTo(before - retiredHere);
                assertThat(select(store, oldOnes)).isEmpty();
                assertThat(select(store, eth0)).isEmpty();
                assertThat(store.labelValues("name", List.of(), T0, T0 + 1000 * MIN)).containsExactly("live");
                assertThat(store.containers()).as("the gone container's spec is forgotten").containsOnlyKeys(2);
                assertThat(select(store, LabelMatcher.eq("name", "live"))).isNotEmpty()
                    .allSatisfy(s -> assertThat(firstSample(s)).isLessThanOrEqualTo(T0 + 90 * MIN));

                // the same cgroup path as a new container, and the interface back
                write(w, clock, 120, 125, 3, true, true);
                store.catchUp();
                assertThat(select(store, oldOnes)).hasSize(oldSeries)
                    .allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 120 * MIN));
                assertThat(select(store, eth0)).hasSize(ethSeries)
                    .allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 120 * MIN));
            }
            assertThat(dir.resolve("series").resolve(LastSeenFile.FILE_NAME)).exists();
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                assertThat(store.problems()).isEmpty();
                assertThat(select(store, oldOnes)).allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 120 * MIN));
                assertThat(store.containers()).containsOnlyKeys(2, 3);
                store.runRetention();
                assertThat(store.retiredSeriesCount()).as("nothing more to retire").isZero();
            }
        }
    }

    @Test
    void retiredIdsAreHandedOutAgainAfterTheirQuarantine(@TempDir Path dir) {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        LabelMatcher oldOnes = OLD_ONES;
        LabelMatcher eth0 = ETH0_SERIES;
        try (RawLog log = RawLog.open(dir, StoreTest.seams(clock).rawRollCycle(), clock, false)) {
            RawLogWriter w = log.writer();
            writeGoneContainerAndInterface(w, clock);
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                int before = store.seriesCount();
                int bound = store.seriesIdBound();
                assertThat(bound).isEqualTo(before);
                store.runRetention();
                long retired = store.retiredSeriesCount();
                assertThat(retired).isGreaterThan(8);
                assertThat(store.seriesIdBound()).as("in quarantine").isEqualTo(bound);

                write(w, clock, 120, 135, 1, false, false);
                store.catchUp();
                store.runRetention(); // 15 minutes after the retirement: its ids are free now
                write(w, clock, 135, 140, 3, true, true);
                store.catchUp();
                assertThat(store.seriesIdBound()).as("every returning series took a retired id").isEqualTo(bound);
                assertThat(store.seriesCount()).isEqualTo(before);
                assertThat(select(store, oldOnes)).isNotEmpty()
                    .allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 135 * MIN));
                assertThat(select(store, eth0)).hasSize(8)
                    .allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 135 * MIN));
            }
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                assertThat(store.problems()).isEmpty();
                assertThat(select(store, eth0)).hasSize(8)
                    .allSatisfy(s -> assertThat(firstSample(s)).isEqualTo(T0 + 135 * MIN));
            }
        }
    }

    @Test
    void aLastSeenFileOlderThanTheHeadsReplayIsNotTrusted(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, StoreTest.seams(clock).rawRollCycle(), clock, false)) {
            RawLogWriter w = log.writer();
            write(w, clock, 0, 10, 1, true, false);
            Store.open(config(dir), StoreTest.seams(clock), log).close(); // saves "old" last seen at minute 10
            Path lastSeen = dir.resolve("series").resolve(LastSeenFile.FILE_NAME);
            byte[] atTen = Files.readAllBytes(lastSeen);
            write(w, clock, 10, 100, 1, true, false);
            write(w, clock, 100, 120, 1, false, false);
            Store.open(config(dir), StoreTest.seams(clock), log).close();
            Files.write(lastSeen, atTen); // as if killed before any later save
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                assertThat(store.problems()).isEmpty();
                store.runRetention();
                // "old" was sampled until minute 100, which raw and rollups still hold but the head
                // (replayed from minute 110) did not see: the stale file must not retire it
                assertThat(store.retiredSeriesCount()).isZero();
                assertThat(select(store, LabelMatcher.eq("name", "old"))).isNotEmpty();
            }
        }
    }

    @Test
    void aDamagedLastSeenFileIsReportedAndTheStoreOpens(@TempDir Path dir) throws Exception {
        SetTimeProvider clock = new SetTimeProvider(Instant.ofEpochMilli(T0));
        try (RawLog log = RawLog.open(dir, StoreTest.seams(clock).rawRollCycle(), clock, false)) {
            write(log.writer(), clock, 0, 10, 1, true, true);
            Store.open(config(dir), StoreTest.seams(clock), log).close();
            Path lastSeen = dir.resolve("series").resolve(LastSeenFile.FILE_NAME);
            byte[] bytes = Files.readAllBytes(lastSeen);
            bytes[bytes.length / 2] ^= 0x5A;
            Files.write(lastSeen, bytes);
            try (Store store = Store.open(config(dir), StoreTest.seams(clock), log)) {
                assertThat(store.problems()).anySatisfy(p -> assertThat(p).startsWith(lastSeen + ": damaged"));
                assertThat(select(store, LabelMatcher.eq("name", "old"))).isNotEmpty();
            }
        }
    }
}
