package dev.hindsight.query.repl;

import dev.hindsight.storage.config.Durations;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Times and durations as people type them: {@code now}, {@code now-1h} or {@code -1h},
 * RFC 3339 ({@code 2026-11-27T05:00:00Z}), Unix seconds ({@code 1700000000.5}); durations
 * in Prometheus form ({@code 1h30m}) or as plain seconds ({@code 15}). Results are ms.
 */
public final class TimeArgs {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** Steps {@link #autoStep} picks from. */
    private static final long[] NICE_STEPS = {1_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
        600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
    private static final int TARGET_POINTS = 240;

    private TimeArgs() {
    }

    /** A round step giving at most about 240 points over {@code lengthMs} (1s, 5s, ... 1m, 5m, ... 1d). */
    public static long autoStep(long lengthMs) {
        for (long step : NICE_STEPS) {
            if (lengthMs / step <= TARGET_POINTS) {
                return step;
            }
        }
        return NICE_STEPS[NICE_STEPS.length - 1];
    }

    /** Milliseconds of a duration, or empty when the text is not one. */
    public static OptionalLong duration(String text) {
        String s = text.trim();
        OptionalLong d = Durations.parseMillis(s);
        if (d.isPresent()) {
            return d;
        }
        try {
            BigDecimal secs = new BigDecimal(s);
            return secs.signum() < 0 ? OptionalLong.empty() : OptionalLong.of(secs.movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** A time (ms since the epoch) relative to {@code nowMs} when relative, or empty when not a time. */
    public static OptionalLong time(String text, long nowMs) {
        String s = text.trim();
        if (s.equals("now")) {
            return OptionalLong.of(nowMs);
        }
        String rel = s.startsWith("now-") ? s.substring(4) : s.startsWith("-") ? s.substring(1) : null;
        if (rel != null) {
            OptionalLong d = Durations.parseMillis(rel);
            if (d.isPresent()) {
                return OptionalLong.of(nowMs - d.getAsLong());
            }
        }
        try {
            return OptionalLong.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            // not RFC 3339; try Unix seconds
        }
        try {
            return OptionalLong.of(new BigDecimal(s).movePointRight(3).longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code 2026-11-27 05:00:00} in {@code zone}. */
    public static String show(long ms, ZoneId zone) {
        return SHOWN.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    /** Prometheus's short duration form ({@code 1h30m}). */
    public static String showDuration(long ms) {
        return Durations.format(ms);
    }
}
