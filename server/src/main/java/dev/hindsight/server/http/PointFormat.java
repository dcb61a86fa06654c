package dev.hindsight.server.http;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;

/**
 * Renders query-result points as Prometheus's API writes them, {@code [1435781451.781,"0.25"]},
 * as ASCII bytes straight into the caller's buffer: a range answer writes a point for every
 * step of every series, so nothing is made per point. Timestamps are unix seconds with up to millisecond
 * decimals (trailing zeros dropped); values are Go's {@code FormatFloat(v, 'f', -1, 64)}: the
 * shortest decimal that reads back to the same double, never in exponent form; or
 * {@code NaN}, {@code +Inf}, {@code -Inf}.
 */
public final class PointFormat {
    /**
     * Room one point needs: a long's digits and sign, a point, 3 decimals; a value of at most
     * 309 + 17 digits, a sign and a point; brackets, quotes, comma.
     */
    public static final int MAX_POINT = 400;
    private static final byte[] NAN = {'N', 'a', 'N'};
    private static final byte[] PLUS_INF = {'+', 'I', 'n', 'f'};
    private static final byte[] MINUS_INF = {'-', 'I', 'n', 'f'};

    private PointFormat() {
    }

    /** {@code [t,"v"]} into {@code out} from {@code at}, which must leave {@link #MAX_POINT} bytes; returns the end. */
    public static int point(long ms, double v, byte[] out, int at) {
        out[at++] = '[';
        at = seconds(ms, out, at);
        out[at++] = ',';
        out[at++] = '"';
        at = value(v, out, at);
        out[at++] = '"';
        out[at++] = ']';
        return at;
    }

    /** {@code [t,"v"]} as a String (single points: instant answers, tests). */
    public static String point(long ms, double v) {
        byte[] b = new byte[MAX_POINT];
        return new String(b, 0, point(ms, v, b, 0), StandardCharsets.ISO_8859_1);
    }

    /** The value alone, unquoted. */
    public static String value(double v) {
        byte[] b = new byte[MAX_POINT];
        return new String(b, 0, value(v, b, 0), StandardCharsets.ISO_8859_1);
    }

    /** The timestamp alone, in unix seconds. */
    public static String seconds(long ms) {
        byte[] b = new byte[32];
        return new String(b, 0, seconds(ms, b, 0), StandardCharsets.ISO_8859_1);
    }

    static int seconds(long ms, byte[] out, int at) {
        if (ms < 0) {
            out[at++] = '-';
        }
        long secs = Math.abs(ms / 1000);
        int frac = (int) Math.abs(ms % 1000); // no overflow for Long.MIN_VALUE, unlike abs(ms)
        at = DecimalDigits.write(secs, out, at);
        if (frac != 0) {
            out[at++] = '.';
            out[at++] = (byte) ('0' + frac / 100);
            if (frac % 100 != 0) {
                out[at++] = (byte) ('0' + frac / 10 % 10);
                if (frac % 10 != 0) {
                    out[at++] = (byte) ('0' + frac % 10);
                }
            }
        }
        return at;
    }

    static int value(double v, byte[] out, int at) {
        if (Double.isNaN(v)) {
            return put(NAN, out, at);
        }
        if (Double.isInfinite(v)) {
            return put(v > 0 ? PLUS_INF : MINUS_INF, out, at);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            if (v < 0 || v == 0 && 1 / v < 0) {
                out[at++] = '-';
            }
            return DecimalDigits.write(Math.abs((long) v), out, at);
        }
        if (ShortestDecimal.handles(v)) {
            return ShortestDecimal.write(v, out, at);
        }
        return viaJackson(v, out, at);
    }

    /**
     * The shortest digits by Jackson's Schubfach (subnormals; and the tests' reference): a
     * String in Double.toString's layout, exponent form below 1e-3 and from 1e7, rewritten plain.
     */
    static int viaJackson(double v, byte[] out, int at) {
        String s = NumberOutput.toString(v, true);
        int e = s.indexOf('E');
        if (e < 0) {
            for (int i = 0; i < s.length(); i++) {
                out[at++] = (byte) s.charAt(i);
            }
            return at;
        }
        return plain(s, e, out, at);
    }

    /** {@code [-]d.dddE[-]x} written without the exponent. */
    private static int plain(String s, int e, byte[] out, int at) {
        int i = 0;
        if (s.charAt(0) == '-') {
            out[at++] = '-';
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
            out[at++] = '0';
            out[at++] = '.';
            for (int z = 0; z < -exp - 1; z++) {
                out[at++] = '0';
            }
            out[at++] = (byte) s.charAt(i);
            for (int k = i + 2; k < fracEnd; k++) {
                out[at++] = (byte) s.charAt(k);
            }
            return at;
        }
        for (int d = 0; d < Math.max(digits, exp + 1); d++) {
            if (d == exp + 1) {
                out[at++] = '.';
            }
            out[at++] = (byte) (d >= digits ? '0' : d == 0 ? s.charAt(i) : s.charAt(i + 1 + d));
        }
        return at;
    }

    private static int put(byte[] text, byte[] out, int at) {
        System.arraycopy(text, 0, out, at, text.length);
        return at + text.length;
    }
}
