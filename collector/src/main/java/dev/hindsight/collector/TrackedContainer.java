package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.ContainerPaths;
import dev.hindsight.collector.cgroup.V1Cadence;
import dev.hindsight.collector.io.DescriptorBudget;
import dev.hindsight.collector.io.StatFile;
import dev.hindsight.collector.proc.ProcessHandles;
import dev.hindsight.collector.taskstats.CgroupStatsReader;
import dev.hindsight.collector.taskstats.OomNotifier;
import dev.hindsight.collector.taskstats.OomNotifiers;
import dev.hindsight.storage.record.ContainerSpec;
import java.nio.file.Path;

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
    /** Where this container's kept-open descriptors are counted. */
    private final DescriptorBudget budget;

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
    StatFile netDev;
    /** Decayed running + uninterruptible task count; negative until the first reading. */
    double loadAverage = -1;
    /** v1 OOM eventfd registration, or null; OOMs it counted since the agent started. */
    OomNotifier oomNotifier;
    long oomNotified;
    /** Kept-open /proc handles of its processes, or null. */
    ProcessHandles processHandles;
    /** The last process reading (see {@link ProcessProbe}), repeated until the next one is due. */
    final ProcessSnapshot processes = new ProcessSnapshot();
    /** v1: which stats files a tick must read (see {@link V1Cadence}); null on v2. */
    V1Cadence cadence;
    /**
     * The last cgroupstats answer (running, sleeping, stopped, uninterruptible, I/O wait), and
     * when it was taken ({@link Long#MIN_VALUE}: none; ask next tick).
     */
    final long[] taskStates = new long[5];
    long taskStatesReadMs = Long.MIN_VALUE;
    /** Kept-open cgroup directory for netlink cgroupstats, or -1; whether opening it was tried. */
    int taskstatsDirFd = -1;
    boolean taskstatsDirTried;

    TrackedContainer(int id, String path, ContainerPaths paths, String dockerId, long firstSeenMs,
                     DescriptorBudget budget) {
        this.id = id;
        this.path = path;
        this.paths = paths;
        this.dockerId = dockerId;
        this.firstSeenMs = firstSeenMs;
        this.budget = budget;
    }

    /** Registers the v1 OOM eventfd pair (held whatever the budget says: it cannot be reopened). */
    void registerOomNotifier(Path memoryDir, OomNotifiers set) {
        oomNotifier = set != null ? set.register(memoryDir) : OomNotifier.register(memoryDir);
        if (oomNotifier != null) {
            budget.take(2);
        }
    }

    /**
     * The cgroup directory descriptor for cgroupstats, opened on first use while the budget
     * allows; -1 when the caller should open the directory per read.
     */
    int taskstatsDir(Path dir) {
        if (!taskstatsDirTried) {
            taskstatsDirTried = true;
            if (budget.tryAcquire(1)) {
                taskstatsDirFd = CgroupStatsReader.openDir(dir);
                if (taskstatsDirFd < 0) {
                    budget.release(1);
                }
            }
        }
        return taskstatsDirFd;
    }

    /** Releases every descriptor this container holds. */
    void close() {
        paths.close();
        if (oomNotifier != null) {
            oomNotifier.close();
            oomNotifier = null;
            budget.release(2);
        }
        if (processHandles != null) {
            processHandles.close();
        }
        if (taskstatsDirFd >= 0) {
            CgroupStatsReader.closeDir(taskstatsDirFd);
            taskstatsDirFd = -1;
            budget.release(1);
        }
    }
}
