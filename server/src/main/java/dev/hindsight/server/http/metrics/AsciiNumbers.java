package dev.hindsight.server.http.metrics;

/** Decimal digits of a long written straight into a byte array, as {@link Long#toString} spells them. */
final class AsciiNumbers {
    private AsciiNumbers() {
    }

    /**
     * Writes {@code v} at {@code pos} (room for 20 bytes needed) and returns the position after it.
     */
    static int putLong(byte[] buf, int pos, long v) {
        if (v == Long.MIN_VALUE) {
            String s = Long.toString(v);
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return pos;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int end = pos + digits;
        int i = end;
        do {
            buf[--i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    /** Number of decimal digits of a non-negative long. */
    static int digits(long v) {
        int n = 1;
        long p = 10;
        while (n < 19 && v >= p) {
            n++;
            p *= 10;
        }
        return n;
    }
}
