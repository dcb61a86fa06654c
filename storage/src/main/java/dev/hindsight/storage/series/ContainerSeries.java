package dev.hindsight.storage.series;

import dev.hindsight.storage.record.ContainerField;
import dev.hindsight.storage.record.ContainerSpec;
import dev.hindsight.storage.select.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Per-container cache of resolved series ids, so the per-sample path does no label work:
 * ids are resolved through the registry the first time a field, CPU, interface or device
 * is seen. Rebuilt when the container's spec changes. Ingest thread only.
 */
final class ContainerSeries {
    final ContainerSpec spec;
    /** {@code id}, {@code name}, {@code image}: the labels every series of the container has. */
    final Labels base;
    final int[] fieldIds = new int[ContainerField.count()];
    int[] cpuIds = new int[0];
    final Map<String, int[]> interfaceIds = new HashMap<>();
    final Long2ObjectHashMap<int[]> deviceIds = new Long2ObjectHashMap<>();
    /**
     * The interface looked up last (its name field's two words, {@link
     * dev.hindsight.storage.record.InterfaceSampleFlyweight#nameWord}) and its ids, or null:
     * most containers have one interface, found again without building its name.
     */
    long lastInterfaceWord0;
    long lastInterfaceWord1;
    int[] lastInterfaceIds;
    /** Spec-derived gauges emitted with every container sample. */
    final int[] specIds;
    final double[] specValues;

    ContainerSeries(ContainerSpec spec, SeriesRegistry registry) {
        this.spec = spec;
        TreeMap<String, String> b = new TreeMap<>();
        b.put("id", spec.cgroupPath());
        b.put("name", spec.name());
        b.put("image", spec.image());
        this.base = Labels.fromMap(b);
        Arrays.fill(fieldIds, -1);
        SpecSeries s = new SpecSeries(registry, base, spec);
        this.specIds = s.ids();
        this.specValues = s.values();
    }

    int cpuId(int cpu, SeriesRegistry registry) {
        if (cpu >= cpuIds.length) {
            int old = cpuIds.length;
            cpuIds = Arrays.copyOf(cpuIds, cpu + 1);
            Arrays.fill(cpuIds, old, cpuIds.length, -1);
        }
        int id = cpuIds[cpu];
        if (id < 0) {
            id = registry.getOrCreate(base.with(Labels.METRIC_NAME, MetricCatalog.CPU_USAGE.name())
                .with("cpu", MetricCatalog.cpuLabel(cpu)));
            cpuIds[cpu] = id; // stays -1 (retried) when it could not be persisted
        }
        return id;
    }

    /** What {@link #forget} found retired. */
    enum Retired { NONE, SOME, SPEC, ALL }

    /**
     * Unresolves the retired ids among the lazily resolved ones (they resolve again, to new
     * ids, when next seen). Returns ALL when every resolved id was retired (the container is
     * gone for good), SPEC when some spec series was (the caller rebuilds this cache).
     */
    Retired forget(IntPredicate retired) {
        int resolved = 0;
        int gone = 0;
        for (int i = 0; i < fieldIds.length; i++) {
            if (fieldIds[i] >= 0) {
                resolved++;
                if (retired.test(fieldIds[i])) {
                    gone++;
                    fieldIds[i] = -1;
                }
            }
        }
        for (int i = 0; i < cpuIds.length; i++) {
            if (cpuIds[i] >= 0) {
                resolved++;
                if (retired.test(cpuIds[i])) {
                    gone++;
                    cpuIds[i] = -1;
                }
            }
        }
        lastInterfaceIds = null;
        for (var it = interfaceIds.values().iterator(); it.hasNext();) {
            int[] ids = it.next();
            resolved += ids.length;
            if (anyRetired(ids, retired)) {
                gone += ids.length;
                it.remove();
            }
        }
        for (var it = deviceIds.values().iterator(); it.hasNext();) {
            int[] ids = it.next();
            resolved += ids.length;
            if (anyRetired(ids, retired)) {
                gone += ids.length;
                it.remove();
            }
        }
        boolean spec = anyRetired(specIds, retired);
        resolved += specIds.length;
        gone += spec ? specIds.length : 0;
        if (gone == 0) {
            return Retired.NONE;
        }
        return gone == resolved ? Retired.ALL : spec ? Retired.SPEC : Retired.SOME;
    }

    private static boolean anyRetired(int[] ids, IntPredicate retired) {
        for (int id : ids) {
            if (id >= 0 && retired.test(id)) {
                return true;
            }
        }
        return false;
    }

    /** Spec gauges, as cAdvisor exports them: unlimited memory is 0, an unset quota is left out. */
    private static final class SpecSeries {
        private final int[] ids = new int[8];
        private final double[] values = new double[8];
        private int n;

        SpecSeries(SeriesRegistry r, Labels base, ContainerSpec spec) {
            TreeMap<String, String> info = base.toMap();
            info.put(Labels.METRIC_NAME, MetricCatalog.INFO.name());
            spec.labels().forEach((k, v) -> info.put("container_label_" + MetricCatalog.sanitizeLabelName(k), v));
            add(r, Labels.fromMap(info), 1);
            if (spec.createdMs() > 0) {
                add(r, base.with(Labels.METRIC_NAME, MetricCatalog.START_TIME.name()), spec.createdMs() / 1000.0);
            }
            known(r, base, MetricCatalog.SPEC_CPU_SHARES.name(), spec.cpuShares());
            if (spec.cpuQuotaUs() > 0) {
                add(r, base.with(Labels.METRIC_NAME, MetricCatalog.SPEC_CPU_QUOTA.name()), spec.cpuQuotaUs());
            }
            known(r, base, MetricCatalog.SPEC_CPU_PERIOD.name(), spec.cpuPeriodUs());
            memory(r, base, MetricCatalog.SPEC_MEMORY_LIMIT.name(), spec.memoryLimitBytes());
            memory(r, base, MetricCatalog.SPEC_MEMORY_RESERVATION.name(), spec.memoryReservationBytes());
            memory(r, base, MetricCatalog.SPEC_MEMORY_SWAP.name(), spec.memorySwapLimitBytes());
        }

        private void known(SeriesRegistry r, Labels base, String metric, long v) {
            if (v >= 0) {
                add(r, base.with(Labels.METRIC_NAME, metric), v);
            }
        }

        private void memory(SeriesRegistry r, Labels base, String metric, long v) {
            if (v == ContainerSpec.UNLIMITED || v > (1L << 62)) {
                add(r, base.with(Labels.METRIC_NAME, metric), 0);
            } else if (v >= 0) {
                add(r, base.with(Labels.METRIC_NAME, metric), v);
            }
        }

        private void add(SeriesRegistry r, Labels labels, double v) {
            int id = r.getOrCreate(labels);
            if (id >= 0) { // a spec gauge that could not be persisted is left out until the spec changes
                ids[n] = id;
                values[n] = v;
                n++;
            }
        }

        int[] ids() {
            return Arrays.copyOf(ids, n);
        }

        double[] values() {
            return Arrays.copyOf(values, n);
        }
    }
}
