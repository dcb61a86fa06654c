package dev.hindsight.collector.io;

import java.nio.charset.StandardCharsets;

/**
 * Static ASCII helpers over byte ranges: number parsing and byte comparison, without Strings.
 */
public final class Ascii {
    /** Returned by the parse methods when the bytes are not a number. No kernel file holds it. */
    public static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private static final byte[] MAX = bytes("max");

    private Ascii() {
    }

    /** Encodes a key once, for byte comparisons on the hot path. */
    public static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a decimal integer in {@code [from, to)}: optional '-', digits, nothing else.
     * Values beyond the range of a long saturate to {@link Long#MAX_VALUE} (some kernel files
     * print unsigned 64-bit values, e.g. {@code 18446744073709551615}).
     *
     * @return the value, or {@link #NOT_A_NUMBER}
     */
    public static long parseLong(byte[] b, int from, int to) {
        if (from >= to) {
            return NOT_A_NUMBER;
        }
        boolean negative = b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i >= to) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return NOT_A_NUMBER;
            }
            if (value > (Long.MAX_VALUE - d) / 10) {
                value = Long.MAX_VALUE;
                for (i++; i < to; i++) {
                    if (b[i] < '0' || b[i] > '9') {
                        return NOT_A_NUMBER;
                    }
                }
                return negative ? NOT_A_NUMBER : Long.MAX_VALUE;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /** Like {@link #parseLong(byte[], int, int)}, but the word {@code max} gives {@code maxValue}. */
    public static long parseLongOrMax(byte[] b, int from, int to, long maxValue) {
        if (equals(b, from, to, MAX)) {
            return maxValue;
        }
        return parseLong(b, from, to);
    }

    /** Whether {@code [from, to)} holds exactly the bytes of {@code key}. */
    public static boolean equals(byte[] b, int from, int to, byte[] key) {
        int len = to - from;
        if (len != key.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[from + i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [from, to)} starts with the bytes of {@code prefix}. */
    public static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code c} in {@code [from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the last {@code c} in {@code [from, to)}, or -1. */
    public static int lastIndexOf(byte[] b, int from, int to, byte c) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the byte is a space, tab, newline or carriage return. */
    public static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** The bytes of {@code [from, to)} as a String, trimmed. Allocates: for specs, not per tick. */
    public static String string(byte[] b, int from, int to) {
        while (from < to && isSpace(b[from])) {
            from++;
        }
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }
}
