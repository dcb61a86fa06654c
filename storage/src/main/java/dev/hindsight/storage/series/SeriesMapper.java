package dev.hindsight.storage.series;

import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSampleFlyweight;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.record.DeviceSampleFlyweight;
import dev.hindsight.storage.record.InterfaceSampleFlyweight;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;

/**
 * Turns raw-log records into series values: each present field of a container sample, each
 * per-CPU usage, each interface and device counter becomes {@code (seriesId, time, value)}
 * in the exposed unit, plus the container's spec gauges ({@code container_spec_*},
 * {@code container_start_time_seconds}, {@code container_info}) with every container sample.
 * Labels come from the container's latest spec record; samples of a container whose spec
 * has not been seen are skipped and counted.
 *
 * <p>Single-threaded (one mapper per reading thread; they may share a registry).
 */
public final class SeriesMapper {
    private static final FieldMetric[] FIELDS = new FieldMetric[ContainerField.count()];

    static {
        for (ContainerField f : ContainerField.values()) {
            FIELDS[f.ordinal()] = MetricCatalog.field(f).orElse(null);
        }
    }

    private final SeriesRegistry registry;
    private final Int2ObjectHashMap<ContainerSeries> containers = new Int2ObjectHashMap<>();
    private long unknownContainer;

    public SeriesMapper(SeriesRegistry registry) {
        this.registry = registry;
    }

    /** Records a container's identity and limits; series ids are (re)resolved when it changed. */
    public void onSpec(ContainerSpec spec) {
        ContainerSeries current = containers.get(spec.containerId());
        if (current == null || !current.spec.sameAs(spec)) {
            containers.put(spec.containerId(), new ContainerSeries(spec, registry));
        }
    }

    /** The latest spec of a container, or null. */
    public ContainerSpec spec(int containerId) {
        ContainerSeries c = containers.get(containerId);
        return c == null ? null : c.spec;
    }

    /** Emits every value of a container sample; returns how many (0 for an unknown container). */
    public int containerSample(ContainerSampleFlyweight s, SampleSink sink) {
        ContainerSeries c = containers.get(s.containerId());
        if (c == null) {
            unknownContainer++;
            return 0;
        }
        long t = s.timestampMs();
        long mask = s.presentMask();
        int fields = Math.min(s.fieldCount(), FIELDS.length);
        int cpus = s.cpuCount();
        int n = 0;
        for (int i = 0; i < fields; i++) {
            if ((mask & (1L << i)) == 0 || FIELDS[i] == null) {
                continue;
            }
            if (i == ContainerField.CPU_USAGE_NS.ordinal() && cpus > 0) {
                continue; // per-CPU series replace cpu="total", as in cAdvisor
            }
            int id = c.fieldIds[i];
            if (id < 0) {
                id = registry.getOrCreate(labels(c.base, FIELDS[i]));
                c.fieldIds[i] = id;
                if (id < 0) {
                    continue; // not persisted (full disk): dropped, retried next sample
                }
            }
            sink.accept(id, t, s.get(ContainerField.ofOrdinal(i)) * FIELDS[i].scale());
            n++;
        }
        for (int cpu = 0; cpu < cpus; cpu++) {
            int id = c.cpuId(cpu, registry);
            if (id >= 0) {
                sink.accept(id, t, s.perCpuNs(cpu) * MetricCatalog.NS);
                n++;
            }
        }
        for (int i = 0; i < c.specIds.length; i++) {
            sink.accept(c.specIds[i], t, c.specValues[i]);
            n++;
        }
        return n;
    }

    /** Emits the eight counters of an interface sample; 0 for an unknown container. */
    public int interfaceSample(InterfaceSampleFlyweight s, SampleSink sink) {
        ContainerSeries c = containers.get(s.containerId());
        if (c == null) {
            unknownContainer++;
            return 0;
        }
        long w0 = s.nameWord(0);
        long w1 = s.nameWord(1);
        int[] ids = c.lastInterfaceIds;
        if (ids == null || c.lastInterfaceWord0 != w0 || c.lastInterfaceWord1 != w1) {
            ids = interfaceIds(c, s.name());
            if (ids == null) {
                return 0; // not persisted (full disk): dropped, retried next sample
            }
            c.lastInterfaceWord0 = w0;
            c.lastInterfaceWord1 = w1;
            c.lastInterfaceIds = ids;
        }
        long t = s.timestampMs();
        for (int k = 0; k < ids.length; k++) {
            sink.accept(ids[k], t, s.counter(k));
        }
        return ids.length;
    }

    /** The ids of a container's interface's counters, resolved when first seen; null when they cannot be persisted. */
    private int[] interfaceIds(ContainerSeries c, String name) {
        int[] ids = c.interfaceIds.get(name);
        if (ids == null) {
            ids = new int[InterfaceSampleFlyweight.COUNTERS];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = registry.getOrCreate(c.base.with(Labels.METRIC_NAME, MetricCatalog.NETWORK.get(k).name())
                    .with("interface", name));
                if (ids[k] < 0) {
                    return null;
                }
            }
            c.interfaceIds.put(name, ids);
        }
        return ids;
    }

    /** Emits the four counters of a device sample; 0 for an unknown container. */
    public int deviceSample(DeviceSampleFlyweight s, SampleSink sink) {
        ContainerSeries c = containers.get(s.containerId());
        if (c == null) {
            unknownContainer++;
            return 0;
        }
        long key = ((long) s.major() << 32) | (s.minor() & 0xFFFF_FFFFL);
        int[] ids = c.deviceIds.get(key);
        if (ids == null) {
            ids = new int[4];
            String device = s.major() + ":" + s.minor();
            for (int k = 0; k < 4; k++) {
                ids[k] = registry.getOrCreate(c.base.with(Labels.METRIC_NAME, MetricCatalog.DISK.get(k).name())
                    .with("device", device).with("major", Integer.toString(s.major()))
                    .with("minor", Integer.toString(s.minor())));
                if (ids[k] < 0) {
                    return 0; // not persisted (full disk): dropped, retried next sample
                }
            }
            c.deviceIds.put(key, ids);
        }
        long t = s.timestampMs();
        sink.accept(ids[0], t, s.readBytes());
        sink.accept(ids[1], t, s.writeBytes());
        sink.accept(ids[2], t, s.reads());
        sink.accept(ids[3], t, s.writes());
        return 4;
    }

    private static Labels labels(Labels base, FieldMetric f) {
        Labels l = base.with(Labels.METRIC_NAME, f.metric().name());
        List<String> extra = f.extraLabels();
        for (int i = 0; i < extra.size(); i += 2) {
            l = l.with(extra.get(i), extra.get(i + 1));
        }
        return l;
    }

    /**
     * Lets go of retired series: a container every one of whose series is retired (silent for
     * longer than any data is kept) is forgotten, and its id returned; a container that lives
     * on resolves its retired ones again when next seen, to new ids (a vanished interface
     * that comes back, say). Call on the thread that maps samples.
     */
    public IntArrayList forgetSeries(IntPredicate retired) {
        IntArrayList forgotten = new IntArrayList();
        List<Integer> rebuild = new ArrayList<>();
        containers.forEach((containerId, c) -> {
            switch (c.forget(retired)) {
                case ALL -> forgotten.addInt(containerId);
                case SPEC -> rebuild.add(containerId);
                default -> {
                }
            }
        });
        forgotten.forEachInt(containers::remove);
        for (int id : rebuild) {
            containers.put(id, new ContainerSeries(containers.get(id).spec, registry));
        }
        return forgotten;
    }

    /** Samples skipped because their container's spec was not known. */
    public long unknownContainerCount() {
        return unknownContainer;
    }
}
