package dev.hindsight.server.http;

/**
 * ASCII decimal digits of non-negative longs into byte arrays, two digits per step from a
 * table of the hundred pairs: the digits of every timestamp and value of a range answer.
 */
final class DecimalDigits {
    private static final byte[] PAIRS = new byte[200];
    private static final long[] POW10 = new long[19];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DecimalDigits() {
    }

    /** The digits of {@code n >= 0} at {@code out[at]}; returns the end. */
    static int write(long n, byte[] out, int at) {
        int len = length(n);
        fill(n, out, at + len);
        return at + len;
    }

    /** How many digits {@code n >= 0} has. */
    static int length(long n) {
        if (n < 10) {
            return 1;
        }
        // floor(log10(2^floor(log2 n))), then one more when n reaches the next power of ten
        int log = (63 - Long.numberOfLeadingZeros(n)) * 1233 >>> 12;
        return log + 1 >= POW10.length ? POW10.length : n >= POW10[log + 1] ? log + 2 : log + 1;
    }

    /** The digits of {@code n >= 0} ending just before {@code out[end]}, right to left. */
    private static void fill(long n, byte[] out, int end) {
        int p = end;
        long x = n;
        while (x > Integer.MAX_VALUE) {
            long q = x / 100;
            int r = (int) (x - q * 100);
            out[--p] = PAIRS[2 * r + 1];
            out[--p] = PAIRS[2 * r];
            x = q;
        }
        int i = (int) x;
        while (i >= 100) {
            int q = i / 100;
            int r = i - q * 100;
            out[--p] = PAIRS[2 * r + 1];
            out[--p] = PAIRS[2 * r];
            i = q;
        }
        if (i >= 10) {
            out[--p] = PAIRS[2 * i + 1];
            out[--p] = PAIRS[2 * i];
        } else {
            out[--p] = (byte) ('0' + i);
        }
    }
}
