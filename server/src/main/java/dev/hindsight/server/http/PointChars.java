package dev.hindsight.server.http;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * Renders query-result points as Prometheus's API writes them, {@code [1435781451.781,"0.25"]},
 * into one reused char buffer: a range answer writes a point for every step of every series,
 * so no array or BigDecimal is made per point (a String only for a value that is not a whole
 * number). Timestamps are unix seconds with up to
 * millisecond decimals (trailing zeros dropped); values are Go's
 * {@code FormatFloat(v, 'f', -1, 64)}: the shortest decimal that reads back to the same double,
 * never in exponent form; or {@code NaN}, {@code +Inf}, {@code -Inf}.
 *
 * <p>Not thread-safe: one per answer being written.
 */
public final class PointChars {
    /** A long's 20 digits and sign, a point, 3 decimals; a value of at most 309 + 17 digits and a point; brackets, quotes, comma. */
    private final char[] buf = new char[400];
    private int length;

    /** Renders {@code [t,"v"]}; read it with {@link #chars()} and {@link #length()}. */
    public PointChars point(long ms, double v) {
        int at = 0;
        buf[at++] = '[';
        at = seconds(ms, at);
        buf[at++] = ',';
        buf[at++] = '"';
        at = value(v, at);
        buf[at++] = '"';
        buf[at++] = ']';
        length = at;
        return this;
    }

    /** Renders the value alone (no quotes). */
    public PointChars value(double v) {
        length = value(v, 0);
        return this;
    }

    /** Renders the timestamp alone, in unix seconds. */
    public PointChars seconds(long ms) {
        length = seconds(ms, 0);
        return this;
    }

    public char[] chars() {
        return buf;
    }

    public int length() {
        return length;
    }

    @Override
    public String toString() {
        return new String(buf, 0, length);
    }

    private int seconds(long ms, int at) {
        if (ms < 0) {
            buf[at++] = '-';
        }
        long abs = Math.abs(ms); // Long.MIN_VALUE stays negative: its seconds are negated digit by digit below
        long secs = abs / 1000;
        int frac = (int) (abs % 1000);
        if (ms == Long.MIN_VALUE) {
            secs = -secs;
            frac = -frac;
        }
        at = digits(secs, at);
        if (frac != 0) {
            buf[at++] = '.';
            buf[at++] = (char) ('0' + frac / 100);
            if (frac % 100 != 0) {
                buf[at++] = (char) ('0' + frac / 10 % 10);
                if (frac % 10 != 0) {
                    buf[at++] = (char) ('0' + frac % 10);
                }
            }
        }
        return at;
    }

    /** The decimal digits of a non-negative {@code n}. */
    private int digits(long n, int at) {
        int len = 1;
        for (long x = n; x >= 10; x /= 10) {
            len++;
        }
        for (int i = at + len - 1; i >= at; i--) {
            buf[i] = (char) ('0' + (int) (n % 10));
            n /= 10;
        }
        return at + len;
    }

    private int value(double v, int at) {
        if (Double.isNaN(v)) {
            return put("NaN", at);
        }
        if (Double.isInfinite(v)) {
            return put(v > 0 ? "+Inf" : "-Inf", at);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            if (v < 0 || v == 0 && 1 / v < 0) {
                buf[at++] = '-';
            }
            return digits(Math.abs((long) v), at);
        }
        // the shortest digits that read back to v (Schubfach, as Jackson ships it: several times
        // faster than Java 17's Double.toString, which is also not always the shortest), in
        // Double.toString's layout: exponent form below 1e-3 and from 1e7
        String s = NumberOutput.toString(v, true);
        int e = s.indexOf('E');
        if (e < 0) {
            int n = s.length();
            s.getChars(0, n, buf, at);
            return at + n;
        }
        return plain(s, e, at);
    }

    /** {@code [-]d.dddE[-]x} written without the exponent. */
    private int plain(String s, int e, int at) {
        int i = 0;
        if (s.charAt(0) == '-') {
            buf[at++] = '-';
            i = 1;
        }
        int exp = Integer.parseInt(s, e + 1, s.length(), 10);
        // the significant digits: the one before the point and those after it, trailing zeros dropped
        int fracEnd = e;
        while (fracEnd > i + 2 && s.charAt(fracEnd - 1) == '0') {
            fracEnd--;
        }
        int digits = 1 + (fracEnd - (i + 2));
        if (exp < 0) {
            buf[at++] = '0';
            buf[at++] = '.';
            for (int z = 0; z < -exp - 1; z++) {
                buf[at++] = '0';
            }
            buf[at++] = s.charAt(i);
            for (int k = i + 2; k < fracEnd; k++) {
                buf[at++] = s.charAt(k);
            }
            return at;
        }
        for (int d = 0; d < Math.max(digits, exp + 1); d++) {
            if (d == exp + 1) {
                buf[at++] = '.';
            }
            buf[at++] = d >= digits ? '0' : d == 0 ? s.charAt(i) : s.charAt(i + 1 + d);
        }
        return at;
    }

    private int put(String text, int at) {
        text.getChars(0, text.length(), buf, at);
        return at + text.length();
    }
}
