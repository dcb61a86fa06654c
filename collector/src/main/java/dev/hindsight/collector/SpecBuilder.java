package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerLimits;
import dev.hindsight.collector.docker.DockerMetadata;
import dev.hindsight.storage.record.ContainerSpec;
import java.util.Map;

/** Builds the recorded {@link ContainerSpec} from cgroup limits and, when known, Docker's metadata. */
final class SpecBuilder {
    private SpecBuilder() {
    }

    static ContainerSpec build(TrackedContainer c, long nowMs, ContainerLimits limits, DockerMetadata docker,
                               long cgroupCreatedMs) {
        String name = docker != null && !docker.name().isEmpty() ? docker.name() : c.path;
        String image = docker != null ? docker.image() : "";
        Map<String, String> labels = docker != null ? docker.labels() : Map.of();
        long created = docker != null && docker.createdMs() > 0 ? docker.createdMs()
                : cgroupCreatedMs > 0 ? cgroupCreatedMs : c.firstSeenMs;
        return new ContainerSpec(c.id, nowMs, c.path, name, image, docker != null ? "docker" : "", labels, created,
                convert(limits == null ? ContainerLimits.UNKNOWN : limits.cpuShares()),
                convert(limits == null ? ContainerLimits.UNKNOWN : limits.cpuQuotaUs()),
                convert(limits == null ? ContainerLimits.UNKNOWN : limits.cpuPeriodUs()),
                limits == null ? "" : limits.cpusetCpus(),
                limits == null ? "" : limits.cpusetMems(),
                convertMemory(limits == null ? ContainerLimits.UNKNOWN : limits.memoryLimitBytes()),
                convertMemory(limits == null ? ContainerLimits.UNKNOWN : limits.memoryReservationBytes()),
                convertMemory(limits == null ? ContainerLimits.UNKNOWN : limits.swapLimitBytes()),
                convert(limits == null ? ContainerLimits.UNKNOWN : limits.pidsMax()));
    }

    /** ContainerLimits' sentinels (UNKNOWN -1, UNLIMITED MAX) to the log's (UNKNOWN -2, UNLIMITED -1). */
    private static long convert(long v) {
        if (v == ContainerLimits.UNKNOWN) {
            return ContainerSpec.UNKNOWN;
        }
        if (v == ContainerLimits.UNLIMITED) {
            return ContainerSpec.UNLIMITED;
        }
        return v;
    }

    private static long convertMemory(long v) {
        return v >= ContainerLimits.V1_UNLIMITED_THRESHOLD ? ContainerSpec.UNLIMITED : convert(v);
    }
}
