package dev.hindsight.storage.config;

import java.util.OptionalLong;

/**
 * Prometheus-style durations: one or more {@code <number><unit>} terms with units
 * {@code y w d h m s ms}, largest first, each at most once ({@code 1h30m}, {@code 14d},
 * {@code 2y}). A year is 365 days, a week 7 days. Values are milliseconds.
 */
public final class Durations {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MS = {365L * 86_400_000L, 7L * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

    private Durations() {
    }

    /** Milliseconds of a duration, or empty when the text is not a duration. */
    public static OptionalLong parseMillis(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalLong.empty();
        }
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 15) {
                return OptionalLong.empty();
            }
            long number = Long.parseLong(text.substring(start, i));
            int unitStart = i;
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++;
            }
            int unit = unitIndex(text.substring(unitStart, i));
            if (unit <= lastUnit) {
                return OptionalLong.empty();
            }
            lastUnit = unit;
            try {
                total = Math.addExact(total, Math.multiplyExact(number, UNIT_MS[unit]));
            } catch (ArithmeticException overflow) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(total);
    }

    private static int unitIndex(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        return -1;
    }

    /** The shortest Prometheus form of a duration: {@code 90000 -> 1m30s}, {@code 0 -> 0s}. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        for (int u = 0; u < UNITS.length; u++) {
            long q = rest / UNIT_MS[u];
            if (q > 0) {
                sb.append(q).append(UNITS[u]);
                rest -= q * UNIT_MS[u];
            }
        }
        return sb.toString();
    }
}
