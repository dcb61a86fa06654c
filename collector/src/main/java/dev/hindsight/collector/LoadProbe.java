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
    private final long statesIntervalMs;

    /** Task states read every tick (as before the process cadence). */
    LoadProbe(long intervalMs, boolean useTaskstats) {
        this(intervalMs, useTaskstats, 0);
    }

    /**
     * @param statesIntervalMs how often each container's task states are asked of the kernel
     *                         (0: every tick); the ticks in between repeat the last answer, and
     *                         the load average decays every tick with it, as the kernel's own
     *                         load average samples its task counts every 5 s
     */
    LoadProbe(long intervalMs, boolean useTaskstats, long statesIntervalMs) {
        this.taskstats = useTaskstats ? CgroupStatsReader.open() : null;
        this.decay = Math.exp(-intervalMs / WINDOW_MS);
        this.statesIntervalMs = statesIntervalMs;
    }

    boolean usesTaskstats() {
        return taskstats != null;
    }

    void read(TrackedContainer c, ContainerStats stats, long nowMs) {
        if (taskstats != null && taskStates(c, stats, nowMs)) {
            // states set from the kernel
        } else if (!stats.has(ContainerField.TASKS_RUNNING)) {
            return;
        }
        long active = stats.get(ContainerField.TASKS_RUNNING)
                + (stats.has(ContainerField.TASKS_UNINTERRUPTIBLE) ? stats.get(ContainerField.TASKS_UNINTERRUPTIBLE) : 0);
        c.loadAverage = c.loadAverage < 0 ? active : c.loadAverage * decay + active * (1 - decay);
        stats.set(ContainerField.LOAD_AVERAGE_10S_MILLI, Math.round(c.loadAverage * 1000));
    }

    /** Sets the container's task states from its last cgroupstats answer, asking again when due. */
    private boolean taskStates(TrackedContainer c, ContainerStats stats, long nowMs) {
        long readMs = c.taskStatesReadMs;
        boolean due = statesIntervalMs == 0 || readMs == Long.MIN_VALUE || nowMs - readMs >= statesIntervalMs
                || nowMs < readMs;
        if (due) {
            if (!readTaskstats(c, stats)) {
                c.taskStatesReadMs = Long.MIN_VALUE;
                return false;
            }
            long[] kept = c.taskStates;
            kept[0] = counts.running;
            kept[1] = counts.sleeping;
            kept[2] = counts.stopped;
            kept[3] = counts.uninterruptible;
            kept[4] = counts.ioWait;
            // the first answer is followed by the container's own phase, so that containers found
            // together are not all asked on the same tick
            c.taskStatesReadMs = readMs != Long.MIN_VALUE || statesIntervalMs == 0 ? nowMs
                    : nowMs - statesIntervalMs + Collector.phaseMs(c.id, statesIntervalMs);
            return true;
        }
        long[] kept = c.taskStates;
        stats.set(ContainerField.TASKS_RUNNING, kept[0]);
        stats.set(ContainerField.TASKS_SLEEPING, kept[1]);
        stats.set(ContainerField.TASKS_STOPPED, kept[2]);
        stats.set(ContainerField.TASKS_UNINTERRUPTIBLE, kept[3]);
        stats.set(ContainerField.TASKS_IOWAIT, kept[4]);
        return true;
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
