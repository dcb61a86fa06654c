package dev.hindsight.query.engine;

import java.time.Duration;

/**
 * The engine's limits and defaults, validated when built.
 *
 * @param maxSamples          most samples one query may hold in memory at once
 * @param timeout             wall-clock budget of one query
 * @param lookbackDeltaMs     how far back an instant selector looks for a sample
 * @param defaultSubqueryStepMs step of a subquery written without one ({@code [5m:]})
 */
public record EngineLimits(long maxSamples, Duration timeout, long lookbackDeltaMs, long defaultSubqueryStepMs) {
    public static final EngineLimits DEFAULT = new EngineLimits(50_000_000L, Duration.ofMinutes(2), 300_000L, 60_000L);

    public EngineLimits {
        if (maxSamples <= 0) {
            throw new IllegalArgumentException("maxSamples=" + maxSamples + " must be > 0");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout=" + timeout + " must be > 0");
        }
        if (lookbackDeltaMs <= 0) {
            throw new IllegalArgumentException("lookbackDeltaMs=" + lookbackDeltaMs + " must be > 0");
        }
        if (defaultSubqueryStepMs <= 0) {
            throw new IllegalArgumentException("defaultSubqueryStepMs=" + defaultSubqueryStepMs + " must be > 0");
        }
    }

    public EngineLimits withMaxSamples(long n) {
        return new EngineLimits(n, timeout, lookbackDeltaMs, defaultSubqueryStepMs);
    }

    public EngineLimits withTimeout(Duration d) {
        return new EngineLimits(maxSamples, d, lookbackDeltaMs, defaultSubqueryStepMs);
    }

    public EngineLimits withLookbackDelta(long ms) {
        return new EngineLimits(maxSamples, timeout, ms, defaultSubqueryStepMs);
    }
}
