package dev.hindsight.storage.config;

import java.util.OptionalLong;

/**
 * Byte counts with an optional unit: {@code 1048576}, {@code 512MiB}, {@code 10GiB},
 * {@code 10GB} (decimal), {@code 2TiB}. Units are case-sensitive as written here.
 */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB"};
    private static final long[] FACTORS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L,
        1L << 10, 1L << 20, 1L << 30, 1L << 40};

    private ByteSizes() {
    }

    /** The number of bytes, or empty when the text is not a byte size. */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 15) {
            return OptionalLong.empty();
        }
        long number = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim();
        if (unit.isEmpty()) {
            return OptionalLong.of(number);
        }
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                try {
                    return OptionalLong.of(Math.multiplyExact(number, FACTORS[u]));
                } catch (ArithmeticException overflow) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
