package dev.hindsight.storage.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's whole configuration, immutable and validated when built. Load it from a
 * file with {@link ConfigLoader}; build it in code (tests, benchmarks) with the canonical
 * constructor or {@link #defaults()} plus the {@code with*} copies.
 *
 * @param intervalMs collection (housekeeping) interval
 * @param dataDir    where the raw log, rollups and indexes live
 * @param listen     HTTP listen address, {@code host:port}
 * @param retention  retention of raw data and rollups
 * @param collector  what the collector watches
 * @param sections   sections owned by later modules ({@code server}, {@code remote_write},
 *                   {@code influxdb}) kept as plain maps, lists and scalars
 */
public record HindsightConfig(long intervalMs, Path dataDir, String listen, RetentionConfig retention,
                              CollectorConfig collector, Map<String, Object> sections) {
    /** Top-level sections accepted but not read by this module. */
    public static final List<String> RESERVED_SECTIONS = List.of("server", "remote_write", "influxdb");

    public HindsightConfig {
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        List<ConfigRules.Problem> problems = ConfigRules.check(intervalMs, listen, retention);
        if (dataDir == null || dataDir.toString().isEmpty()) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new ConfigRules.Problem("data_dir", "must not be empty"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(ConfigRules.Problem::toString).toList());
        }
    }

    /** Every default: 1s interval, {@code ./data}, {@code 127.0.0.1:8080}, default retention and collector. */
    public static HindsightConfig defaults() {
        return new HindsightConfig(1_000L, Path.of("./data"), "127.0.0.1:8080", RetentionConfig.defaults(),
            CollectorConfig.defaults(), Map.of());
    }

    public HindsightConfig withInterval(long ms) {
        return new HindsightConfig(ms, dataDir, listen, retention, collector, sections);
    }

    public HindsightConfig withDataDir(Path dir) {
        return new HindsightConfig(intervalMs, dir, listen, retention, collector, sections);
    }

    public HindsightConfig withRetention(RetentionConfig r) {
        return new HindsightConfig(intervalMs, dataDir, listen, r, collector, sections);
    }
}
