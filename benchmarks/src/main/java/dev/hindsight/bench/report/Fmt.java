package dev.hindsight.bench.report;

import java.util.Locale;

/** Number formatting for the report: three significant digits, thousands separated. */
final class Fmt {
    private Fmt() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A step as people write it: {@code 20 s}, {@code 2 min}, {@code 1 h}. */
    static String duration(long ms) {
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    static String bytes(long b) {
        if (b < 0) {
            return "n/a";
        }
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        if (b >= 1L << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return b + " B";
    }

    static String ratio(double a, double b) {
        if (!(b > 0) || Double.isNaN(a)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }
}
