package dev.hindsight.storage.config;

/**
 * One rollup resolution and how long its buckets are kept.
 *
 * @param resolutionMs bucket width in milliseconds
 * @param keepMs       retention in milliseconds, measured from the newest data
 */
public record RollupLevel(long resolutionMs, long keepMs) {
    /** The resolution as a Prometheus duration ({@code 10s}, {@code 1m}, {@code 1h}): also its directory name. */
    public String name() {
        return Durations.format(resolutionMs);
    }
}
