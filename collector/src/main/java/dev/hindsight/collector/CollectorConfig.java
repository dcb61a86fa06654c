package dev.hindsight.collector;

import dev.hindsight.collector.discovery.ContainerFilter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the collector is told, validated when built.
 *
 * @param interval         how often each container is read (housekeeping interval)
 * @param procRoot         the /proc to read (mountinfo, per-process stats); injected for tests
 * @param cgroupMountinfo  mountinfo to find cgroup mounts in (normally procRoot/self/mountinfo)
 * @param filter           which cgroups to collect
 * @param dockerSocket     the Docker Engine socket; null to never ask Docker
 * @param rescanInterval   full re-scan of the hierarchy as a backstop to the watcher
 * @param specInterval     how often limits are re-read (they are recorded only when changed); a Docker
 *                         event re-reads a container's at once. Each read opens about ten files
 *                         (at 10 s, some 6 % of the collector's CPU at 1,000 containers); default 60 s
 * @param specRecordEvery  re-record every spec this often, so retention never deletes the only copy
 * @param slices           the interval is split into this many slices; each reads a share of the containers
 * @param processInterval  how often each container's processes are read from /proc (processes,
 *                         threads, open files; task states when taskstats is unavailable); the
 *                         ticks in between repeat the last reading. Zero: every tick
 */
public record CollectorConfig(Duration interval, Path procRoot, Path cgroupMountinfo, ContainerFilter filter,
                              Path dockerSocket, Duration rescanInterval, Duration specInterval,
                              Duration specRecordEvery, int slices, Duration processInterval) {
    public CollectorConfig {
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval=" + interval + ": must be at least 10ms");
        }
        if (slices < 1 || slices > 1000) {
            throw new IllegalArgumentException("slices=" + slices + ": must be 1..1000");
        }
        if (processInterval.isNegative()) {
            throw new IllegalArgumentException("processInterval=" + processInterval + ": must not be negative");
        }
    }

    public static CollectorConfig defaults() {
        Path proc = Path.of("/proc");
        return new CollectorConfig(Duration.ofSeconds(1), proc, proc.resolve("self/mountinfo"), ContainerFilter.ALL,
                Path.of("/var/run/docker.sock"), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofHours(1), 10,
                Duration.ofSeconds(10));
    }

    public CollectorConfig withInterval(Duration d) {
        return new CollectorConfig(d, procRoot, cgroupMountinfo, filter, dockerSocket, rescanInterval, specInterval,
                specRecordEvery, slices, processInterval);
    }

    public CollectorConfig withFilter(ContainerFilter f) {
        return new CollectorConfig(interval, procRoot, cgroupMountinfo, f, dockerSocket, rescanInterval, specInterval,
                specRecordEvery, slices, processInterval);
    }

    public CollectorConfig withProcessInterval(Duration d) {
        return new CollectorConfig(interval, procRoot, cgroupMountinfo, filter, dockerSocket, rescanInterval, specInterval,
                specRecordEvery, slices, d);
    }

    public CollectorConfig withDockerSocket(Path socket) {
        return new CollectorConfig(interval, procRoot, cgroupMountinfo, filter, socket, rescanInterval, specInterval,
                specRecordEvery, slices, processInterval);
    }
}
