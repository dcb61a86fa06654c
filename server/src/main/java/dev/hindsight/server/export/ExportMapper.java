package dev.hindsight.server.export;

import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns raw-log records into a sink's samples with the store's own mapping
 * ({@link SeriesMapper}: the same metric names and labels as the query API), then adds the
 * sink's external labels and applies its relabel rules once per series. The registry is the
 * sink's own, in memory: ids only name series inside this process. Export thread only.
 */
final class ExportMapper implements RawRecordHandler, SampleSink {
    private static final Labels DROPPED = Labels.of("__dropped__", "true");

    private final SeriesRegistry registry = SeriesRegistry.inMemory();
    private final SeriesMapper mapper = new SeriesMapper(registry);
    private final Map<String, String> externalLabels;
    private final List<RelabelRule> rules;
    /** Series id -&gt; labels to send, {@link #DROPPED}, or null when not resolved yet. */
    private final List<Labels> out = new ArrayList<>();

    private Batch batch;
    private long droppedByRelabel;
    private long lastRecordTimeMs = Long.MIN_VALUE;
    private long lastIndex = -1;

    ExportMapper(Map<String, String> externalLabels, List<RelabelRule> rules) {
        this.externalLabels = externalLabels;
        this.rules = rules;
    }

    /** Where the following records' samples go. */
    void target(Batch b) {
        this.batch = b;
    }

    /** Labels of a series that is in a batch (never a dropped one). */
    Labels labels(int seriesId) {
        return out.get(seriesId);
    }

    @Override
    public void accept(int seriesId, long timeMs, double value) {
        while (out.size() <= seriesId) {
            out.add(null);
        }
        Labels l = out.get(seriesId);
        if (l == null) {
            l = relabel(registry.labels(seriesId));
            out.set(seriesId, l);
        }
        if (l == DROPPED) {
            droppedByRelabel++;
            return;
        }
        batch.add(seriesId, timeMs, value);
    }

    private Labels relabel(Labels stored) {
        TreeMap<String, String> m = stored.toMap();
        externalLabels.forEach(m::putIfAbsent);
        for (RelabelRule r : rules) {
            if (!r.apply(m)) {
                return DROPPED;
            }
        }
        return m.isEmpty() ? DROPPED : Labels.fromMap(m);
    }

    @Override
    public void onContainerSample(long index, ContainerSampleFlyweight sample) {
        lastIndex = index;
        lastRecordTimeMs = sample.timestampMs();
        mapper.containerSample(sample, this);
    }

    @Override
    public void onInterfaceSample(long index, InterfaceSampleFlyweight sample) {
        lastIndex = index;
        lastRecordTimeMs = sample.timestampMs();
        mapper.interfaceSample(sample, this);
    }

    @Override
    public void onDeviceSample(long index, DeviceSampleFlyweight sample) {
        lastIndex = index;
        lastRecordTimeMs = sample.timestampMs();
        mapper.deviceSample(sample, this);
    }

    @Override
    public void onSpec(long index, ContainerSpec spec) {
        lastIndex = index;
        mapper.onSpec(spec);
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        lastIndex = index;
    }

    @Override
    public void onMachineInfo(long index, long timestampMs, String json) {
        lastIndex = index;
    }

    @Override
    public void onUnreadable(long index, String reason) {
        lastIndex = index;
    }

    /** Forgets the last index (the reader is being positioned afresh). */
    void resetLastIndex() {
        lastIndex = -1;
    }

    /** Raw index of the last record read through this handler (-1: none). */
    long lastIndex() {
        return lastIndex;
    }

    /** Takes a spec known from elsewhere (the store's spec file) before reading the log. */
    void restoreSpec(ContainerSpec spec) {
        mapper.onSpec(spec);
    }

    /** A handler that only learns specs (for reading up to the resume point). */
    RawRecordHandler specsOnly() {
        return new RawRecordHandler() {
            @Override
            public void onSpec(long index, ContainerSpec spec) {
                mapper.onSpec(spec);
            }
        };
    }

    long droppedByRelabel() {
        return droppedByRelabel;
    }

    long unknownContainerSamples() {
        return mapper.unknownContainerCount();
    }

    /** Timestamp of the newest sample record read, or {@code Long.MIN_VALUE}. */
    long lastRecordTimeMs() {
        return lastRecordTimeMs;
    }
}
