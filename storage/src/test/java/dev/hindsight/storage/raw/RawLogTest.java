package dev.hindsight.storage.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.record.RecordHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RawLogTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordTypeRoundTrips() {
        ContainerSpec spec = new ContainerSpec(7, 1000, "/docker/abc", "web", "nginx:1", "docker",
                Map.of("app", "web", "tier", "front"), 900, 512, 150000, 100000, "0-1", "0",
                256L << 20, ContainerSpec.UNLIMITED, ContainerSpec.UNKNOWN, 64);
        try (RawLog log = RawLog.open(dir)) {
            RawLogWriter w = log.writer();
            ContainerSampleFlyweight s = w.containerSample(7, 1000);
            s.set(ContainerField.CPU_USAGE_NS, 123_456_789L).set(ContainerField.MEMORY_USAGE_BYTES, 4096);
            s.flags(1).perCpu(new long[] {100, 200, 300}, 3);
            assertThat(w.commitContainerSample()).isEqualTo(AppendResult.OK);
            byte[] eth = "eth0".getBytes(StandardCharsets.US_ASCII);
            w.interfaceSample(7, 1000, eth, eth.length).setCounter(InterfaceSampleFlyweight.RX_BYTES, 10)
                    .setCounter(InterfaceSampleFlyweight.TX_DROPPED, 3);
            assertThat(w.commitInterfaceSample()).isEqualTo(AppendResult.OK);
            assertThat(w.deviceSample(7, 1000, 254, 0, 1, 2, 3, 4)).isEqualTo(AppendResult.OK);
            assertThat(w.spec(spec)).isEqualTo(AppendResult.OK);
            assertThat(w.event(new ContainerEvent(7, 1001, EventType.OOM_KILL, 1))).isEqualTo(AppendResult.OK);
            assertThat(w.machineInfo(1002, "{\"num_cores\":2}")).isEqualTo(AppendResult.OK);
            assertThat(w.appendedCount()).isEqualTo(6);
        }
        List<String> seen = new ArrayList<>();
        try (RawLog log = RawLog.open(dir); RawLogReader r = log.reader()) {
            int n = r.poll(new RawRecordHandler() {
                @Override
                public void onContainerSample(long index, ContainerSampleFlyweight s) {
                    assertThat(s.has(ContainerField.CPU_USAGE_NS)).isTrue();
                    assertThat(s.has(ContainerField.CPU_USER_NS)).isFalse();
                    seen.add("sample " + s.containerId() + " " + s.get(ContainerField.CPU_USAGE_NS) + " "
                            + s.get(ContainerField.MEMORY_USAGE_BYTES) + " cpus=" + s.cpuCount() + " "
                            + s.perCpuNs(2) + " flags=" + s.flags());
                }

                @Override
                public void onInterfaceSample(long index, InterfaceSampleFlyweight s) {
                    seen.add("iface " + s.name() + " " + s.counter(InterfaceSampleFlyweight.RX_BYTES) + " "
                            + s.counter(InterfaceSampleFlyweight.TX_DROPPED));
                }

                @Override
                public void onDeviceSample(long index, DeviceSampleFlyweight s) {
                    seen.add("device " + s.major() + ":" + s.minor() + " " + s.readBytes() + " " + s.writes());
                }

                @Override
                public void onSpec(long index, ContainerSpec s) {
                    assertThat(s).isEqualTo(spec);
                    seen.add("spec");
                }

                @Override
                public void onEvent(long index, ContainerEvent e) {
                    seen.add("event " + e.type() + " " + e.value());
                }

                @Override
                public void onMachineInfo(long index, long ts, String json) {
                    seen.add("machine " + json);
                }

                @Override
                public void onUnreadable(long index, String reason) {
                    seen.add("unreadable " + reason);
                }
            }, 100);
            assertThat(n).isEqualTo(6);
        }
        assertThat(seen).containsExactly(
                "sample 7 123456789 4096 cpus=3 300 flags=1",
                "iface eth0 10 3",
                "device 254:0 1 4",
                "spec",
                "event OOM_KILL 1",
                "machine {\"num_cores\":2}");
    }

    @Test
    void recordOfUnknownVersionOrTypeIsReportedNotMisread() {
        try (RawLog log = RawLog.open(dir)) {
            ExcerptAppender raw = log.queue().createAppender();
            writeRawHeader(raw, 1, 99);
            writeRawHeader(raw, 42, 1);
            log.writer().event(new ContainerEvent(1, 5, EventType.OOM, 0));
        }
        List<String> reasons = new ArrayList<>();
        List<ContainerEvent> events = new ArrayList<>();
        try (RawLog log = RawLog.open(dir); RawLogReader r = log.reader()) {
            r.poll(new RawRecordHandler() {
                @Override
                public void onUnreadable(long index, String reason) {
                    reasons.add(reason);
                }

                @Override
                public void onEvent(long index, ContainerEvent e) {
                    events.add(e);
                }
            }, 10);
        }
        assertThat(reasons).containsExactly(
                "CONTAINER_SAMPLE record version 99 is not supported by this build (it reads up to version 1)",
                "unknown record type 42");
        assertThat(events).hasSize(1);
    }

    private static void writeRawHeader(ExcerptAppender appender, int type, int version) {
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeShort((short) type).writeShort((short) version).writeInt(1).writeLong(5)
                    .writeLong(0).writeLong(0);
        }
        assertThat(RecordHeader.LENGTH).isEqualTo(16);
    }

    @Test
    void reopenedLogContinuesAppendingAndLosesNothing() {
        for (int round = 0; round < 3; round++) {
            try (RawLog log = RawLog.open(dir)) {
                RawLogWriter w = log.writer();
                for (int i = 0; i < 100; i++) {
                    w.event(new ContainerEvent(1, round * 100L + i, EventType.OOM, round * 100L + i));
                }
            }
        }
        List<Long> values = readEventValues();
        assertThat(values).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(values.get(i)).isEqualTo(i);
        }
    }

    @Test
    void seekToTimeFindsFirstRecordAtOrAfter() {
        try (RawLog log = RawLog.open(dir)) {
            RawLogWriter w = log.writer();
            for (int i = 0; i < 1000; i++) {
                w.event(new ContainerEvent(1, 10_000L + 10L * i, EventType.OOM, i));
            }
        }
        try (RawLog log = RawLog.open(dir); RawLogReader r = log.reader()) {
            long[] first = {-1};
            RawRecordHandler h = new RawRecordHandler() {
                @Override
                public void onEvent(long index, ContainerEvent e) {
                    first[0] = e.value();
                }
            };
            assertThat(r.seekToTime(10_000L + 10L * 537 - 5)).isTrue();
            r.poll(h, 1);
            assertThat(first[0]).isEqualTo(537);
            assertThat(r.seekToTime(0)).isTrue();
            r.poll(h, 1);
            assertThat(first[0]).isZero();
            assertThat(r.seekToTime(10_000L + 10L * 999)).isTrue();
            r.poll(h, 1);
            assertThat(first[0]).isEqualTo(999);
            assertThat(r.seekToTime(10_000L + 10L * 999 + 1)).isFalse();
            assertThat(r.poll(h, 1)).isZero();
        }
    }

    List<Long> readEventValues() {
        List<Long> values = new ArrayList<>();
        try (RawLog log = RawLog.open(dir); RawLogReader r = log.reader()) {
            while (r.poll(new RawRecordHandler() {
                @Override
                public void onEvent(long index, ContainerEvent e) {
                    values.add(e.value());
                }
            }, 1000) > 0) {
                // drain
            }
        }
        return values;
    }
}
