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
 */
public record CollectorConfig(Optional<Path> cgroupRoot, List<String> includePrefixes, List<String> excludePrefixes,
                              boolean dockerOnly, Path dockerSocket) {
    public CollectorConfig {
        includePrefixes = List.copyOf(includePrefixes);
        excludePrefixes = List.copyOf(excludePrefixes);
    }

    public static CollectorConfig defaults() {
        return new CollectorConfig(Optional.empty(), List.of(), List.of(), false, Path.of("/var/run/docker.sock"));
    }
}
