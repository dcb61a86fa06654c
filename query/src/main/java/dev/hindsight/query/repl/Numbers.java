package dev.hindsight.query.repl;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting: exact (as Prometheus's API writes values) and compact (for chart legends). */
public final class Numbers {
    private static final String[] SI = {"", "k", "M", "G", "T", "P", "E"};

    private Numbers() {
    }

    /** The exact value without exponent, as Prometheus writes it: {@code 1.5}, {@code 1000}, {@code NaN}, {@code +Inf}. */
    public static String exact(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new BigDecimal(Double.toString(v)).toPlainString();
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /**
     * For tables: integers as they are, other values to ten significant digits
     * ({@code 0.04281525392}, not {@code 0.042815253916666664}); JSON and CSV stay {@link #exact}.
     */
    public static String readable(double v) {
        if (!Double.isFinite(v) || (v == Math.rint(v) && Math.abs(v) < 1e15)) {
            return exact(v);
        }
        return exact(new BigDecimal(v).round(new java.math.MathContext(10)).doubleValue());
    }

    /** About four significant digits, with k/M/G/... above a thousand: {@code 1.235G}, {@code 0.5}, {@code 2.5e-05}. */
    public static String compact(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return exact(v);
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            int e = 0;
            double m = v;
            while (Math.abs(m) >= 999.95 && e < SI.length - 1) {
                m /= 1000;
                e++;
            }
            int decimals = Math.abs(m) >= 100 ? 1 : Math.abs(m) >= 10 ? 2 : 3;
            return trim(String.format(Locale.ROOT, "%." + decimals + "f", m)) + SI[e];
        }
        if (a >= 0.001) {
            int intDigits = a >= 100 ? 3 : a >= 10 ? 2 : 1;
            int decimals = Math.max(0, 4 - intDigits);
            if (a < 1) {
                decimals = 3 - (int) Math.floor(Math.log10(a));
            }
            return trim(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+e", "e");
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
