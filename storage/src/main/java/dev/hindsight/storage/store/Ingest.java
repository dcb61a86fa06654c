package dev.hindsight.storage.store;

import dev.hindsight.storage.events.EventStore;
import dev.hindsight.storage.events.StoredEvent;
import dev.hindsight.storage.head.Head;
import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.rollup.RollupWriter;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import java.util.List;
import java.util.Map;

/**
 * The ingest path: each raw-log record becomes series values that go to the head and to
 * every rollup writer; specs update the labels (and the spec file), events go to the event
 * store. Runs on the ingest (follow) thread only.
 */
final class Ingest implements RawRecordHandler, SampleSink {
    private static final long TRIM_EVERY_MS = 60_000;

    private final SeriesMapper mapper;
    private final SpecFile specs;
    private final Map<Integer, ContainerSpec> latestSpecs;
    private final Head head;
    private final List<RollupWriter> rollups;
    private final EventStore events;

    // ---- ingest thread only ----
    private long rawIndex;
    private long lastTrim = Long.MIN_VALUE;
    private volatile long records;
    private volatile long unreadable;
    private volatile String lastUnreadable;

    Ingest(SeriesMapper mapper, SpecFile specs, Map<Integer, ContainerSpec> latestSpecs, Head head,
           List<RollupWriter> rollups, EventStore events) {
        this.mapper = mapper;
        this.specs = specs;
        this.latestSpecs = latestSpecs;
        this.head = head;
        this.rollups = rollups;
        this.events = events;
    }

    /** Restores a spec known from the spec file (on start, before replay). */
    void restoreSpec(ContainerSpec spec) {
        mapper.onSpec(spec);
        latestSpecs.put(spec.containerId(), spec);
    }

    @Override
    public void accept(int seriesId, long timeMs, double value) {
        long max = head.maxTime();
        if (max == Long.MIN_VALUE || timeMs >= max - head.windowMs()) {
            head.append(seriesId, timeMs, value);
        }
        for (int i = 0; i < rollups.size(); i++) {
            rollups.get(i).add(seriesId, timeMs, value, rawIndex);
        }
    }

    private void endOfRecord() {
        records++;
        for (int i = 0; i < rollups.size(); i++) {
            rollups.get(i).endOfRecord();
        }
        long max = head.maxTime();
        if (max != Long.MIN_VALUE && (lastTrim == Long.MIN_VALUE || max - lastTrim >= TRIM_EVERY_MS)) {
            head.trim();
            lastTrim = max;
        }
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight sample) {
        rawIndex = index;
        mapper.containerSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight sample) {
        rawIndex = index;
        mapper.interfaceSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight sample) {
        rawIndex = index;
        mapper.deviceSample(sample, this);
        endOfRecord();
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        ContainerSpec known = mapper.spec(spec.containerId());
        if (known == null || !known.sameAs(spec)) {
            specs.append(spec);
        }
        mapper.onSpec(spec);
        latestSpecs.put(spec.containerId(), spec);
        records++;
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        events.add(new StoredEvent(event.timestampMs(), event.containerId(), event.type(), event.value()), index);
        records++;
    }

    @Override
    public void onUnreadable(long index, String reason) {
        unreadable++;
        lastUnreadable = "raw record " + index + ": " + reason;
    }

    long recordCount() {
        return records;
    }

    long unreadableCount() {
        return unreadable;
    }

    String lastUnreadable() {
        return lastUnreadable;
    }

    long unknownContainerCount() {
        return mapper.unknownContainerCount();
    }
}
