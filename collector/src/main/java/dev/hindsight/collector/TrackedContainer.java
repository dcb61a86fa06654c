package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.storage.record.ContainerSpec;

/**
 * What the collector keeps per container between ticks. Owned by the collector thread.
 */
final class TrackedContainer {
    final int id;
    final String path;
    final ContainerPaths paths;
    /** Docker's id when the path names one, else null. */
    final String dockerId;
    final long firstSeenMs;

    /** The spec last written to the log, or null. */
    ContainerSpec recordedSpec;
    long specCheckedMs;
    long dockerVersionSeen = -1;
    /** Last OOM counters seen, to turn increments into events; -1 until first read. */
    long lastOomEvents = -1;
    long lastOomKills = -1;
    /** The member process whose network namespace is read, and what is known of it. */
    int netPid = -1;
    boolean hostNetwork;
    dev.hindsight.collector.io.StatFile netDev;
    /** Decayed running + uninterruptible task count; negative until the first reading. */
    double loadAverage = -1;
    /** v1 OOM eventfd registration, or null; OOMs it counted since the agent started. */
    dev.hindsight.collector.taskstats.OomNotifier oomNotifier;
    long oomNotified;
    /** Kept-open /proc handles of its processes, or null. */
    dev.hindsight.collector.proc.ProcessHandles processHandles;

    /** Releases every descriptor this container holds. */
    void close() {
        paths.close();
        if (oomNotifier != null) {
            oomNotifier.close();
        }
        if (processHandles != null) {
            processHandles.close();
        }
    }

    TrackedContainer(int id, String path, ContainerPaths paths, String dockerId, long firstSeenMs) {
        this.id = id;
        this.path = path;
        this.paths = paths;
        this.dockerId = dockerId;
        this.firstSeenMs = firstSeenMs;
    }
}
