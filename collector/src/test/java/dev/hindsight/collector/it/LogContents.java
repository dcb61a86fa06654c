package dev.hindsight.collector.it;

import dev.hindsight.storage.raw.RawLog;
import dev.hindsight.storage.raw.RawLogReader;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything in a raw log, decoded into plain objects for assertions. */
public final class LogContents implements RawRecordHandler {
    /** One container sample: timestamp and the fields it had (absent fields are missing keys). */
    public record Sample(long timestampMs, Map<ContainerField, Long> fields, int cpuCount) {
        public long get(ContainerField f) {
            Long v = fields.get(f);
            if (v == null) {
                throw new AssertionError(f + " absent in sample at " + timestampMs + ": " + fields);
            }
            return v;
        }
    }

    public record Device(int major, int minor, long readBytes, long writeBytes) {
    }

    public final Map<Integer, List<Sample>> samples = new HashMap<>();
    public final Map<Integer, List<Device>> devices = new HashMap<>();
    public final List<ContainerEvent> events = new ArrayList<>();
    public final Map<Integer, ContainerSpec> specs = new HashMap<>();
    public final List<String> unreadable = new ArrayList<>();

    public static LogContents read(RawLog log) {
        LogContents c = new LogContents();
        try (RawLogReader r = log.reader()) {
            while (r.poll(c, 10_000) > 0) {
                // drain
            }
        }
        return c;
    }

    /** The container id recorded for a cgroup path (from its spec), or -1. */
    public int idOf(String cgroupPath) {
        return specs.values().stream().filter(s -> s.cgroupPath().equals(cgroupPath))
                .mapToInt(ContainerSpec::containerId).max().orElse(-1);
    }

    public List<Sample> samplesOf(String cgroupPath) {
        return samples.getOrDefault(idOf(cgroupPath), List.of());
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight s) {
        Map<ContainerField, Long> fields = new HashMap<>();
        for (ContainerField f : ContainerField.values()) {
            if (s.has(f)) {
                fields.put(f, s.get(f));
            }
        }
        samples.computeIfAbsent(s.containerId(), k -> new ArrayList<>())
                .add(new Sample(s.timestampMs(), fields, s.cpuCount()));
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight s) {
        devices.computeIfAbsent(s.containerId(), k -> new ArrayList<>())
                .add(new Device(s.major(), s.minor(), s.readBytes(), s.writeBytes()));
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        specs.put(spec.containerId(), spec);
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        events.add(event);
    }

    @Override
    public void onUnreadable(long index, String reason) {
        unreadable.add(reason);
    }
}
