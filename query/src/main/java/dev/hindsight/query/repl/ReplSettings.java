package dev.hindsight.query.repl;

import java.util.OptionalLong;

/**
 * What the prompt is set to: instant or range mode (and the range's length and step), the
 * output format, and an optional fixed evaluation time (else "now"). Immutable; commands
 * return changed copies.
 *
 * @param range   whether queries run as range queries
 * @param rangeMs length of the range ending at the evaluation time
 * @param stepMs  step of range queries
 * @param format  output format
 * @param at      fixed evaluation (or range end) time in ms, or empty for "now"
 */
public record ReplSettings(boolean range, long rangeMs, long stepMs, OutputFormat format, OptionalLong at) {
    public static final ReplSettings DEFAULT = new ReplSettings(false, 3_600_000L, 60_000L, OutputFormat.TABLE,
        OptionalLong.empty());

    public ReplSettings {
        if (rangeMs <= 0 || stepMs <= 0) {
            throw new IllegalArgumentException("range=" + rangeMs + "ms step=" + stepMs + "ms must both be > 0");
        }
    }

    public ReplSettings withRange(long lengthMs, long stepMillis) {
        return new ReplSettings(true, lengthMs, stepMillis, format, at);
    }

    public ReplSettings withInstant() {
        return new ReplSettings(false, rangeMs, stepMs, format, at);
    }

    public ReplSettings withFormat(OutputFormat f) {
        return new ReplSettings(range, rangeMs, stepMs, f, at);
    }

    public ReplSettings withAt(OptionalLong t) {
        return new ReplSettings(range, rangeMs, stepMs, format, t);
    }

    /** The evaluation time (instant) or range end. */
    public long time(long nowMs) {
        return at.orElse(nowMs);
    }
}
