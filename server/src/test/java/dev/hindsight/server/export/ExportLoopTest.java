package dev.hindsight.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogWriter;
import dev.hindsight.storage.select.LabelMatcher;
import dev.hindsight.storage.select.Labels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The export loop against an in-process receiver: delivery, retries, refusals, resume. */
@Timeout(60)
class ExportLoopTest {
    private static final long T0 = (System.currentTimeMillis() / 1000 - 600) * 1000;

    @TempDir
    Path dir;

    private static SinkConfig sink(String url, int maxSamples) {
        return new SinkConfig("fake", SinkConfig.Kind.REMOTE_WRITE, url, Map.of("instance", "node1"), List.of(),
            maxSamples, 50, 5, 40, 5_000, true, Map.of("Authorization", "Bearer s3cret"), null);
    }

    private static ExportLoop loop(SinkConfig s, RawLog log) {
        return new ExportLoop(s, log, List.of(), new dev.hindsight.server.export.remotewrite.RemoteWriteEncoder(),
            System::currentTimeMillis).start();
    }

    private static long count(Map<String, TreeMap<Long, Double>> m) {
        return m.values().stream().mapToLong(TreeMap::size).sum();
    }

    private static String withInstance(String storedKey, Map<String, TreeMap<Long, Double>> received) {
        // stored keys lack instance="node1"; find the received key that equals it plus that label
        for (String k : received.keySet()) {
            if (k.replace(", instance=\"node1\"", "").replace("instance=\"node1\", ", "").equals(storedKey)) {
                return k;
            }
        }
        return null;
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
    void deliversEveryStoredSampleWithExternalLabelsAndHeaders() throws Exception {
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            RawLogWriter w = log.writer();
            ExportFixture.write(w, T0, 0, 30, 3);
            Map<String, TreeMap<Long, Double>> want = ExportFixture.stored(dir, log);
            long total = count(want);
            try (ExportLoop l = loop(sink(rx.url(), 500), log)) {
                await(() -> l.counters().sent.get() >= total, total + " samples");
                assertThat(l.counters().sent.get()).isEqualTo(total);
                assertThat(l.counters().failed.get()).isZero();
            }
            assertThat(rx.duplicates.get()).isZero();
            assertThat(rx.total()).isEqualTo(total);
            for (var e : want.entrySet()) {
                String key = withInstance(e.getKey(), rx.samples);
                assertThat(key).as("received %s", e.getKey()).isNotNull();
                assertThat(rx.samples.get(key)).isEqualTo(e.getValue());
            }
            assertThat(rx.headers).allMatch(h -> h.equals("snappy application/x-protobuf Bearer s3cret"));
        }
    }

    @Test
    void retriesOn5xxAndCountsA4xxAsFailed() throws Exception {
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            RawLogWriter w = log.writer();
            ExportFixture.write(w, T0, 0, 20, 2);
            long total = count(ExportFixture.stored(dir, log));
            rx.script.add(503);
            rx.script.add(500);
            rx.script.add(400);
            try (ExportLoop l = loop(sink(rx.url(), 200), log)) {
                await(() -> l.counters().sent.get() + l.counters().failed.get() >= total, "all samples handled");
                long failed = l.counters().failed.get();
                assertThat(failed).isPositive();
                assertThat(l.counters().retried.get()).isEqualTo(2 * failed);
                assertThat(l.counters().sent.get()).isEqualTo(total - failed);
                assertThat(rx.total()).isEqualTo(total - failed);
                assertThat(rx.requests.get()).isGreaterThan(3);
            }
        }
    }

    @Test
    void resumesWhereItStoppedAndResendsOnlyTheUnacknowledgedBatch() throws Exception {
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            RawLogWriter w = log.writer();
            ExportFixture.write(w, T0, 0, 20, 2);
            long first = count(ExportFixture.stored(dir, log));
            try (ExportLoop l = loop(sink(rx.url(), 300), log)) {
                await(() -> l.counters().sent.get() >= first, "first part");
            }
            int requestsBefore = rx.requests.get();
            // the receiver goes away while the next part is written; the sender is stopped mid-retry
            for (int i = 0; i < 1000; i++) {
                rx.script.add(503);
            }
            ExportFixture.write(w, T0, 20, 40, 2);
            try (ExportLoop l = loop(sink(rx.url(), 300), log)) {
                await(() -> l.counters().retried.get() > 0, "a retry");
            }
            rx.script.clear();
            ExportFixture.write(w, T0, 40, 60, 2);
            Map<String, TreeMap<Long, Double>> want = ExportFixture.stored(dir, log);
            long total = count(want);
            try (ExportLoop l = loop(sink(rx.url(), 300), log)) {
                await(() -> rx.total() >= total && l.counters().sent.get() >= total - first, "everything");
                assertThat(l.counters().sent.get()).isEqualTo(total - first);
            }
            assertThat(rx.requests.get()).isGreaterThan(requestsBefore);
            assertThat(rx.duplicates.get()).isZero();
            for (var e : want.entrySet()) {
                assertThat(rx.samples.get(withInstance(e.getKey(), rx.samples))).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void relabelDropsAndCountsSeries() throws Exception {
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            ExportFixture.write(log.writer(), T0, 0, 10, 2);
            Map<String, TreeMap<Long, Double>> kept = ExportFixture.stored(dir, log,
                LabelMatcher.eq(Labels.METRIC_NAME, "container_memory_usage_bytes"));
            long total = count(ExportFixture.stored(dir, log));
            RelabelRule keep = new RelabelRule(RelabelRule.Action.KEEP, List.of("__name__"), ";",
                RelabelRule.anchored("container_memory_usage_bytes"), "", "$1");
            SinkConfig s = sink(rx.url(), 100);
            s = new SinkConfig(s.name(), s.kind(), s.url(), Map.of(), List.of(keep), 100, 50, 5, 40, 5_000, true,
                Map.of(), null);
            try (ExportLoop l = loop(s, log)) {
                await(() -> l.counters().sent.get() + l.counters().dropped.get() >= total, "all handled");
                assertThat(l.counters().sent.get()).isEqualTo(count(kept));
                assertThat(l.counters().dropped.get()).isEqualTo(total - count(kept));
            }
            assertThat(rx.samples).isEqualTo(kept);
        }
    }

    @Test
    void anUnexpectedErrorRestartsTheSinkFromItsAcknowledgedPosition() throws Exception {
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            ExportFixture.write(log.writer(), T0, 0, 20, 2);
            Map<String, TreeMap<Long, Double>> want = ExportFixture.stored(dir, log);
            long total = count(want);
            java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            BatchEncoder real = new dev.hindsight.server.export.remotewrite.RemoteWriteEncoder();
            BatchEncoder failingOnce = new BatchEncoder() {
                @Override
                public byte[] encode(Batch batch, java.util.function.IntFunction<Labels> labels) {
                    if (calls.incrementAndGet() == 2) {
                        throw new IllegalStateException("injected");
                    }
                    return real.encode(batch, labels);
                }

                @Override
                public Map<String, String> headers() {
                    return real.headers();
                }
            };
            try (ExportLoop l = new ExportLoop(sink(rx.url(), 200), log, List.of(), failingOnce,
                System::currentTimeMillis).start()) {
                await(() -> rx.total() >= total && l.counters().sent.get() >= total, "everything after the restart");
                assertThat(l.counters().restarts.get()).isEqualTo(1);
            }
            assertThat(rx.duplicates.get()).isZero();
            assertThat(rx.total()).isEqualTo(total);
        }
    }

    /**
     * Containers living two minutes each, one born a minute, over more than two hours of
     * records: the sink's id map is started afresh as they go, and every sample still arrives
     * under its own labels.
     */
    @Test
    void churnedSeriesAreForgottenBetweenBatchesAndEverySampleArrives() throws Exception {
        long t0 = (System.currentTimeMillis() / 1000 - 3 * 3600) * 1000;
        int containers = 140;
        try (FakeRemoteWriteReceiver rx = new FakeRemoteWriteReceiver(); RawLog log = ExportFixture.open(dir)) {
            RawLogWriter w = log.writer();
            byte[] eth0 = "eth0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (long t = t0; t < t0 + (containers + 1) * 60_000L; t += 10_000) {
                for (int c = 1; c <= containers; c++) {
                    long born = t0 + (c - 1) * 60_000L;
                    if (t == born) {
                        w.spec(ExportFixture.spec(c, born));
                    } else if (t == born + 120_000) {
                        w.event(new dev.hindsight.storage.record.ContainerEvent(c, t,
                            dev.hindsight.storage.record.EventType.CONTAINER_DELETION, 0));
                    }
                    if (t >= born && t < born + 120_000) {
                        w.containerSample(c, t).set(dev.hindsight.storage.record.ContainerField.MEMORY_USAGE_BYTES, t - born)
                            .set(dev.hindsight.storage.record.ContainerField.CPU_USAGE_NS, (t - born) * 1000 + c);
                        w.commitContainerSample();
                        w.interfaceSample(c, t, eth0, eth0.length).setCounter(0, t - born + c);
                        w.commitInterfaceSample();
                    }
                }
            }
            Map<String, TreeMap<Long, Double>> want = ExportFixture.stored(dir, log);
            long total = count(want);
            ExportLoop l = loop(sink(rx.url(), 200), log);
            try (l) {
                await(() -> l.counters().sent.get() >= total, total + " samples");
            }
            assertThat(rx.total()).isEqualTo(total);
            for (var e : want.entrySet()) {
                assertThat(rx.samples.get(withInstance(e.getKey(), rx.samples))).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(l.mapperRebuilds()).isPositive();
            assertThat(l.mappedSeries()).as("ids held after churn, of %d series sent", want.size())
                .isLessThan(want.size() * 3 / 4);
            assertThat(l.counters().dropped.get()).isZero();
        }
    }
}
