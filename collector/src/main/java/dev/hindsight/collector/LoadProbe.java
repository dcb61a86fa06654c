package dev.hindsight.collector;

import dev.hindsight.collector.cgroup.CgroupController;
import dev.hindsight.collector.cgroup.ContainerStats;
import dev.hindsight.collector.taskstats.CgroupStatsReader;
import dev.hindsight.storage.record.ContainerField;
import java.nio.file.Path;

/**
 * Task states and the 10-second load average ({@code container_cpu_load_average_10s}).
 * States come from the kernel's cgroupstats (netlink taskstats) when available, else the
 * per-process /proc counts already in the stats; the load average is the exponentially
 * decayed number of running plus uninterruptible tasks, as the kernel and cAdvisor define it.
 *
 * <p>Collector thread only.
 */
final class LoadProbe implements AutoCloseable {
    private static final double WINDOW_MS = 10_000;

    private final CgroupStatsReader taskstats;
    private final CgroupStatsReader.Counts counts = new CgroupStatsReader.Counts();
    private final double decay;

    LoadProbe(long intervalMs, boolean useTaskstats) {
        this.taskstats = useTaskstats ? CgroupStatsReader.open() : null;
        this.decay = Math.exp(-intervalMs / WINDOW_MS);
    }

    boolean usesTaskstats() {
        return taskstats != null;
    }

    void read(TrackedContainer c, ContainerStats stats) {
        if (taskstats != null && readTaskstats(c, stats)) {
            // states set from the kernel
        } else if (!stats.has(ContainerField.TASKS_RUNNING)) {
            return;
        }
        long active = stats.get(ContainerField.TASKS_RUNNING)
                + (stats.has(ContainerField.TASKS_UNINTERRUPTIBLE) ? stats.get(ContainerField.TASKS_UNINTERRUPTIBLE) : 0);
        c.loadAverage = c.loadAverage < 0 ? active : c.loadAverage * decay + active * (1 - decay);
        stats.set(ContainerField.LOAD_AVERAGE_10S_MILLI, Math.round(c.loadAverage * 1000));
    }

    private boolean readTaskstats(TrackedContainer c, ContainerStats stats) {
        Path dir = c.paths.dir(CgroupController.CPU);
        if (dir == null) {
            dir = c.paths.dir(CgroupController.CPUACCT);
        }
        if (dir == null) {
            return false;
        }
        int dirFd = c.taskstatsDir(dir);
        if (!(dirFd >= 0 ? taskstats.read(dirFd, counts) : taskstats.read(dir, counts))) {
            return false;
        }
        stats.set(ContainerField.TASKS_RUNNING, counts.running);
        stats.set(ContainerField.TASKS_SLEEPING, counts.sleeping);
        stats.set(ContainerField.TASKS_STOPPED, counts.stopped);
        stats.set(ContainerField.TASKS_UNINTERRUPTIBLE, counts.uninterruptible);
        stats.set(ContainerField.TASKS_IOWAIT, counts.ioWait);
        return true;
    }

    @Override
    public void close() {
        if (taskstats != null) {
            taskstats.close();
        }
    }
}
