package dev.hindsight.server.http;

import java.math.BigInteger;

/**
 * The shortest decimal that reads back to a double, written as plain ASCII digits (never in
 * exponent form, as Go's {@code FormatFloat(v, 'f', -1, 64)} writes it) straight into a byte
 * array. The digits are found by Giulietti's Schubfach algorithm ("The Schubfach way to render
 * doubles", 2020): the value's rounding interval is scaled by a 126-bit approximation of a
 * power of ten, after which at most two candidates, with one digit fewer or the full count,
 * need checking. Normal doubles only; the caller handles zero, subnormals, NaN and infinities.
 */
final class ShortestDecimal {
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << 52;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    /** {@code g = floor(10^-k 2^-r) + 1}, {@code r = floor(log2(10^-k)) - 125}, as its high 63 and low 63 bits, for k in [K_MIN, K_MAX]. */
    private static final long[] G1 = new long[K_MAX - K_MIN + 1];
    private static final long[] G0 = new long[K_MAX - K_MIN + 1];

    static {
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int e = -k;
            int r = flog2pow10(e) - 125;
            BigInteger g;
            if (e >= 0) {
                BigInteger p = BigInteger.TEN.pow(e);
                g = r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r);
            } else {
                g = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(-e));
            }
            g = g.add(BigInteger.ONE);
            G1[k - K_MIN] = g.shiftRight(63).longValueExact();
            G0[k - K_MIN] = g.and(mask63).longValue();
        }
    }

    private ShortestDecimal() {
    }

    /** Whether {@link #write} takes {@code v}: a normal double (neither zero, subnormal, NaN nor infinite). */
    static boolean handles(double v) {
        long exponent = (Double.doubleToRawLongBits(v) >>> 52) & 0x7FF;
        return exponent != 0 && exponent != 0x7FF;
    }

    /** {@code v}'s shortest decimal into {@code out} from {@code at}; {@link #handles} must hold. Returns the end. */
    static int write(double v, byte[] out, int at) {
        long bits = Double.doubleToRawLongBits(v);
        int p = at;
        if (bits < 0) {
            out[p++] = '-';
        }
        int q = (int) ((bits >>> 52) & 0x7FF) - 1075;
        long c = C_MIN | (bits & (C_MIN - 1));
        // c * 2^q; the integers among them need no search
        if (q <= 0 && q > -53) {
            long f = c >> -q;
            if (f << -q == c) {
                return plain(f, 0, out, p);
            }
        }
        return search(q, c, out, p);
    }

    private static int search(int q, long c, byte[] out, int at) {
        int odd = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // the power of two: its lower neighbour is half as far as its upper one
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G1[k - K_MIN];
        long g0 = G0[k - K_MIN];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            // one digit fewer: a multiple of ten inside the interval
            long sp10 = 10 * (s / 10);
            long tp10 = sp10 + 10;
            boolean upin = vbl + odd <= sp10 << 2;
            boolean wpin = (tp10 << 2) + odd <= vbr;
            if (upin != wpin) {
                return plain(upin ? sp10 : tp10, k, out, at);
            }
        }
        long t = s + 1;
        boolean uin = vbl + odd <= s << 2;
        boolean win = (t << 2) + odd <= vbr;
        if (uin != win) {
            return plain(uin ? s : t, k, out, at);
        }
        // both inside: the closer, and the even one on a tie
        long cmp = vb - (s + t << 1);
        return plain(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k, out, at);
    }

    /** {@code floor(g * cp / 2^127)}, its lowest bit set when the division is inexact. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** {@code f * 10^e} in plain decimal, trailing zeros of a fraction dropped. */
    private static int plain(long f, int e, byte[] out, int at) {
        long digits = f;
        int exp = e;
        while (digits % 10 == 0 && digits != 0) {
            digits /= 10;
            exp++;
        }
        int len = DecimalDigits.length(digits);
        int p = at;
        if (exp >= 0) {
            p = DecimalDigits.write(digits, out, p);
            for (int z = 0; z < exp; z++) {
                out[p++] = '0';
            }
            return p;
        }
        int point = len + exp; // digits before the decimal point
        if (point <= 0) {
            out[p++] = '0';
            out[p++] = '.';
            for (int z = 0; z < -point; z++) {
                out[p++] = '0';
            }
            return DecimalDigits.write(digits, out, p);
        }
        // digits with the point inserted: write them one further right, then move the integer part left
        DecimalDigits.write(digits, out, p + 1);
        System.arraycopy(out, p + 1, out, p, point);
        out[p + point] = '.';
        return p + len + 1;
    }

    /** {@code floor(q * log10(2))}. */
    private static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** {@code floor(log10(3/4 * 2^q))}. */
    private static int flog10threeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** {@code floor(e * log2(10))}. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
