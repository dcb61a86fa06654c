package dev.hindsight.collector.docker;

import java.util.Map;

/**
 * What Docker says about one container: name (without the leading "/"), image, labels,
 * creation time and the limits it was started with.
 */
public record DockerMetadata(String id, String name, String image, Map<String, String> labels, long createdMs,
                             long memoryLimitBytes, long nanoCpus) {
    public DockerMetadata {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        name = name != null && name.startsWith("/") ? name.substring(1) : (name == null ? "" : name);
        image = image == null ? "" : image;
    }
}
