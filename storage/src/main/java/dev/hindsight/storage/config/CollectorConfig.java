package dev.hindsight.storage.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the collector watches.
 *
 * @param cgroupRoot      override of the cgroup mount root (discovered when empty)
 * @param includePrefixes only cgroup paths starting with one of these (all when empty)
 * @param excludePrefixes cgroup paths starting with one of these are skipped
 * @param dockerOnly      watch only containers that Docker owns
 * @param dockerSocket    the Docker Engine API unix socket
 * @param processIntervalMs how often each container's processes are read from /proc (0: every tick)
 */
public record CollectorConfig(Optional<Path> cgroupRoot, List<String> includePrefixes, List<String> excludePrefixes,
                              boolean dockerOnly, Path dockerSocket, long processIntervalMs) {
    /** Reading every process of every container is the costliest part of a tick; 10 s by default. */
    public static final long DEFAULT_PROCESS_INTERVAL_MS = 10_000;

    public CollectorConfig {
        includePrefixes = List.copyOf(includePrefixes);
        excludePrefixes = List.copyOf(excludePrefixes);
    }

    public static CollectorConfig defaults() {
        return new CollectorConfig(Optional.empty(), List.of(), List.of(), false, Path.of("/var/run/docker.sock"),
            DEFAULT_PROCESS_INTERVAL_MS);
    }
}
