package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.server.export.remotewrite.RemoteWriteEncoder;
import dev.hindsight.storage.raw.RawLog;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Resume positions across roll cycles and across files retention deleted. */
@Timeout(60)
class ExportResumeTest {
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path dir;

    private static SinkConfig sink(String url, int maxSamples) {
        return new SinkConfig("resume", SinkConfig.Kind.REMOTE_WRITE, url, Map.of(), List.of(), maxSamples, 20, 5, 20,
            5_000, true, Map.of(), null);
    }

    private static ExportLoop loop(SinkConfig s, RawLog log) {
        return new ExportLoop(s, log, List.of(), new RemoteWriteEncoder(), System::currentTimeMillis).start();
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPositionAtTheEndOfACycleResumesInTheNextWithoutResending() throws Exception {
        long t0 = (System.currentTimeMillis() / HOUR - 3) * HOUR;
        SetTimeProvider time = new SetTimeProvider(t0);
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver();
             RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, time, false)) {
            ExportFixture.write(log.writer(), t0, 0, 10, 2);
            try (ExportLoop l = loop(sink(rx.url(), 10_000), log)) {
                await(() -> rx.total() > 0 && l.counters().records.get() == log.queue().entryCount(), "first cycle");
                Thread.sleep(100);
            }
            long firstCycle = rx.total();
            time.currentTimeMillis(t0 + HOUR); // the log rolls to a new cycle
            ExportFixture.write(log.writer(), t0 + HOUR, 1, 10, 2);
            try (ExportLoop l = loop(sink(rx.url(), 10_000), log)) {
                await(() -> l.counters().records.get() > 0 && l.counters().lagMillis.get() == 0
                    && l.counters().sent.get() > 0, "second cycle");
                assertThat(l.counters().records.get()).as("records read after the restart").isEqualTo(9 * 4);
            }
            assertThat(rx.duplicates.get()).isZero();
            assertThat(rx.total()).isGreaterThan(firstCycle);
        }
    }

    @Test
    void aResumePositionRetentionDeletedIsCountedAsAGap() throws Exception {
        long t0 = (System.currentTimeMillis() / HOUR - 3) * HOUR;
        SetTimeProvider time = new SetTimeProvider(t0);
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver();
             RawLog log = RawLog.open(dir, RollCycles.FAST_HOURLY, time, false)) {
            ExportFixture.write(log.writer(), t0, 0, 20, 2);
            rx.script.add(204);
            for (int i = 0; i < 10_000; i++) {
                rx.script.add(503);
            }
            try (ExportLoop l = loop(sink(rx.url(), 50), log)) {
                await(() -> l.counters().sent.get() > 0 && l.counters().retried.get() > 0, "one batch acknowledged");
            }
            rx.script.clear();
            time.currentTimeMillis(t0 + HOUR);
            ExportFixture.write(log.writer(), t0 + HOUR, 0, 5, 2);
            File[] first = log.directory().toFile().listFiles((d, n) -> n.endsWith(".cq4"));
            java.util.Arrays.sort(first);
            assertThat(first[0].delete()).isTrue(); // what a retention job does
            log.queue().refreshDirectoryListing();
            try (ExportLoop l = loop(sink(rx.url(), 10_000), log)) {
                await(() -> l.counters().sent.get() > 0, "the remaining cycle");
                assertThat(l.counters().retentionGaps.get()).isEqualTo(1);
            }
        }
    }
}
