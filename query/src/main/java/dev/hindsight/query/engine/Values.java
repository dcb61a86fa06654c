package dev.hindsight.query.engine;

import java.math.BigDecimal;

/** Number and string formatting the way Prometheus (Go) prints them in labels and messages. */
final class Values {
    private Values() {
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
    static String formatGo(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return s;
    }

    /** Go's {@code %v} of a float64 (the 'g' format with shortest digits, exponent at 1e21). */
    static String formatGoV(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e21 || a < 1e-4)) {
            String s = Double.toString(v);
            int e = s.indexOf('E');
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) {
                mant = mant.substring(0, mant.length() - 2);
            }
            int exp = Integer.parseInt(s.substring(e + 1));
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return formatGo(v);
    }

    /** Go's {@code %q}: a double-quoted string with escapes. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == 0xFFFD) {
                        b.append("\\xc5");
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
