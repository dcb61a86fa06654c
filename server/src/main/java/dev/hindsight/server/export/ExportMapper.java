package dev.hindsight.server.export;

import dev.hindsight.storage.raw.RawRecordHandler;
import dev.hindsight.storage.record.ContainerEvent;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.EventType;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.Labels;
import dev.hindsight.storage.series.SampleSink;
import dev.hindsight.storage.series.SeriesMapper;
import dev.hindsight.storage.series.SeriesRegistry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Turns raw-log records into a sink's samples with the store's own mapping
 * ({@link SeriesMapper}: the same metric names and labels as the query API), then adds the
 * sink's external labels and applies its relabel rules once per series. The registry is the
 * sink's own, in memory: ids only name series inside this process. So that it does not keep
 * every series ever seen under container churn, it is started afresh between two batches
 * once most of its series have been idle for {@value #IDLE_WINDOW_MS} ms of record time
 * ({@link #compactBetweenBatches()}). Export thread only.
 */
final class ExportMapper implements RawRecordHandler, SampleSink {
    private static final Labels DROPPED = Labels.of("__dropped__", "true");

    /** Record time over which series that got no sample count as idle. */
    static final long IDLE_WINDOW_MS = 10 * 60_000L;
    /** Idle series tolerated before a rebuild is worth it. */
    static final int IDLE_SLACK = 1_000;

    private SeriesRegistry registry = SeriesRegistry.inMemory();
    private SeriesMapper mapper = new SeriesMapper(registry);
    /** Latest spec of every container not seen deleted: what a rebuilt mapper starts from. */
    private final Int2ObjectHashMap<ContainerSpec> specs = new Int2ObjectHashMap<>();
    /** Series that got a sample since {@link #windowStartMs}. */
    private final BitSet active = new BitSet();
    private long windowStartMs = Long.MIN_VALUE;
    private long unknownBefore;
    private long rebuilds;
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
        active.set(seriesId);
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
        learn(spec);
    }

    private void learn(ContainerSpec spec) {
        mapper.onSpec(spec);
        specs.put(spec.containerId(), spec);
    }

    @Override
    public void onEvent(long index, ContainerEvent event) {
        lastIndex = index;
        if (event.type() == EventType.CONTAINER_DELETION) {
            specs.remove(event.containerId());
        }
    }

    /**
     * Call between batches (no batch holds an id): when a window of record time has passed and
     * more than half the series known got no sample in it, starts the ids afresh from the
     * specs of the containers not deleted. Returns true when it did.
     */
    boolean compactBetweenBatches() {
        if (lastRecordTimeMs == Long.MIN_VALUE) {
            return false;
        }
        if (windowStartMs == Long.MIN_VALUE) {
            windowStartMs = lastRecordTimeMs;
            return false;
        }
        if (lastRecordTimeMs - windowStartMs < IDLE_WINDOW_MS) {
            return false;
        }
        boolean rebuild = registry.size() > 2 * active.cardinality() + IDLE_SLACK;
        if (rebuild) {
            unknownBefore += mapper.unknownContainerCount();
            registry = SeriesRegistry.inMemory();
            mapper = new SeriesMapper(registry);
            out.clear();
            specs.values().forEach(mapper::onSpec);
            rebuilds++;
        }
        active.clear();
        windowStartMs = lastRecordTimeMs;
        return rebuild;
    }

    /** Series ids handed out since the last rebuild. */
    int mappedSeries() {
        return registry.size();
    }

    /** Times the ids were started afresh. */
    long rebuilds() {
        return rebuilds;
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
        learn(spec);
    }

    /** A handler that only learns specs (for reading up to the resume point). */
    RawRecordHandler specsOnly() {
        return new RawRecordHandler() {
            @Override
            public void onSpec(long index, ContainerSpec spec) {
                learn(spec);
            }

            @Override
            public void onEvent(long index, ContainerEvent event) {
                if (event.type() == EventType.CONTAINER_DELETION) {
                    specs.remove(event.containerId());
                }
            }
        };
    }

    long droppedByRelabel() {
        return droppedByRelabel;
    }

    long unknownContainerSamples() {
        return unknownBefore + mapper.unknownContainerCount();
    }

    /** Timestamp of the newest sample record read, or {@code Long.MIN_VALUE}. */
    long lastRecordTimeMs() {
        return lastRecordTimeMs;
    }
}
