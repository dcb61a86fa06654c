package dev.hindsight.storage.config;

import java.util.List;
import java.util.OptionalLong;

/**
 * How long raw samples and each rollup resolution are kept, how much of the newest raw
 * data stays in memory, and an optional cap on total disk bytes.
 *
 * @param rawMs         raw-log retention, measured from the newest data
 * @param headWindowMs  how much of the newest raw data the in-memory head keeps
 * @param rollups       rollup levels, finest first
 * @param maxDiskBytes  optional cap on the bytes of all data files; the oldest files of the
 *                      finest resolution (raw first) are deleted first
 */
public record RetentionConfig(long rawMs, long headWindowMs, List<RollupLevel> rollups, OptionalLong maxDiskBytes) {
    public static final long DAY_MS = 86_400_000L;

    public RetentionConfig {
        rollups = List.copyOf(rollups);
        if (maxDiskBytes == null) {
            maxDiskBytes = OptionalLong.empty();
        }
    }

    /**
     * The retention a store keeps for samples collected every {@code intervalMs}: a rollup level
     * not coarser than the interval would hold one sample per bucket, the raw samples again in a
     * larger form, so it is not kept, and the raw samples are kept as long as it would have been
     * (they answer what it would have answered, at the same resolution).
     */
    public RetentionConfig forInterval(long intervalMs) {
        List<RollupLevel> kept = rollups.stream().filter(l -> l.resolutionMs() > intervalMs).toList();
        if (kept.size() == rollups.size()) {
            return this;
        }
        long raw = rollups.stream().filter(l -> l.resolutionMs() <= intervalMs)
            .mapToLong(RollupLevel::keepMs).reduce(rawMs, Math::max);
        return new RetentionConfig(raw, headWindowMs, kept, maxDiskBytes);
    }

    /**
     * 2 days raw, a 70-minute head (the coarsest rollup's open hour, plus its grace and a
     * margin, is answered from memory), 10s for 14 days, 1m for 90 days, 1h for 2 years, no disk cap.
     */
    public static RetentionConfig defaults() {
        return new RetentionConfig(2 * DAY_MS, 70 * 60_000L, List.of(
            new RollupLevel(10_000L, 14 * DAY_MS),
            new RollupLevel(60_000L, 90 * DAY_MS),
            new RollupLevel(3_600_000L, 730 * DAY_MS)), OptionalLong.empty());
    }
}
