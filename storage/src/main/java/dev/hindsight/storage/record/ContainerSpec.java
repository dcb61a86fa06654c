package dev.hindsight.storage.record;

import java.util.Map;
import java.util.TreeMap;

/**
 * A container's identity and limits, recorded when first seen, when it changes and
 * periodically (so that retention never deletes the only copy). Limits use
 * {@link #UNLIMITED} for "no limit" and {@link #UNKNOWN} for "not readable".
 *
 * @param cgroupPath path of the cgroup relative to the hierarchy root, e.g. {@code /docker/3f2a...}
 * @param name       the runtime's name for it, or the cgroup path when no runtime owns it
 * @param image      the runtime's image, or empty
 * @param runtime    {@code docker}, or empty for a raw cgroup
 */
public record ContainerSpec(
        int containerId,
        long timestampMs,
        String cgroupPath,
        String name,
        String image,
        String runtime,
        Map<String, String> labels,
        long createdMs,
        long cpuShares,
        long cpuQuotaUs,
        long cpuPeriodUs,
        String cpusetCpus,
        String cpusetMems,
        long memoryLimitBytes,
        long memoryReservationBytes,
        long memorySwapLimitBytes,
        long pidsMax) {

    public static final long UNLIMITED = -1;
    public static final long UNKNOWN = -2;

    public ContainerSpec {
        labels = Map.copyOf(new TreeMap<>(labels));
        name = name == null ? "" : name;
        image = image == null ? "" : image;
        runtime = runtime == null ? "" : runtime;
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        cpusetMems = cpusetMems == null ? "" : cpusetMems;
    }

    /** The same spec stamped with another time (for periodic re-recording). */
    public ContainerSpec at(long newTimestampMs) {
        return new ContainerSpec(containerId, newTimestampMs, cgroupPath, name, image, runtime, labels, createdMs,
                cpuShares, cpuQuotaUs, cpuPeriodUs, cpusetCpus, cpusetMems, memoryLimitBytes,
                memoryReservationBytes, memorySwapLimitBytes, pidsMax);
    }

    /** Whether two specs describe the same container state (ignoring when each was recorded). */
    public boolean sameAs(ContainerSpec o) {
        return o != null && at(0).equals(o.at(0));
    }
}
