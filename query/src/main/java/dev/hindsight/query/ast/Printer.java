package dev.hindsight.query.ast;

import dev.hindsight.storage.select.LabelMatcher;
import java.math.BigDecimal;
import java.util.List;

/** Formatting helpers shared by the nodes' {@code toString()} (Prometheus's printer style). Stateless. */
public final class Printer {

    private static final long[] UNIT_MS = {365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000,
        3_600_000, 60_000, 1_000, 1};
    private static final String[] UNIT = {"y", "w", "d", "h", "m", "s", "ms"};

    private Printer() {
    }

    /** A float as PromQL: {@code NaN}, {@code Inf}, {@code -Inf}, integers without fraction. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** A duration like {@code 1h30m}, {@code 1y}, {@code 500ms}, {@code 0s}; negative with a leading {@code -}. */
    public static String duration(long ms) {
        if (ms == 0) {
            return "0s";
        }
        if (ms < 0) {
            return "-" + duration(-ms);
        }
        StringBuilder b = new StringBuilder();
        long rest = ms;
        for (int i = 0; i < UNIT_MS.length; i++) {
            long n = rest / UNIT_MS[i];
            if (n > 0) {
                b.append(n).append(UNIT[i]);
                rest -= n * UNIT_MS[i];
            }
        }
        return b.toString();
    }

    /** Milliseconds as seconds with three decimals, e.g. {@code 100.000}. */
    public static String millisAsSeconds(long ms) {
        return BigDecimal.valueOf(ms, 3).toPlainString();
    }

    /** A double-quoted string with Go escapes, so the parser reads back the same value. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Whether a name can be written bare as a label name: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    public static boolean isLegacyLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether a name can be written bare as a metric name: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
    public static boolean isLegacyMetricName(String s) {
        return !s.isEmpty() && isLegacyLabelName(s.replace(':', '_'));
    }

    /** A label name, bare when possible, else quoted. */
    public static String labelName(String s) {
        return isLegacyLabelName(s) ? s : quote(s);
    }

    public static String labelList(List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(labelName(labels.get(i)));
        }
        return b.toString();
    }

    /** {@code " @ t"} and {@code " offset d"} as Prometheus prints them ({@code @} first). */
    static String modifiers(AtModifier at, long offsetMs) {
        String s = at == null ? "" : " " + at;
        return offsetMs == 0 ? s : s + " offset " + duration(offsetMs);
    }

    static String matcher(LabelMatcher m) {
        return labelName(m.name()) + m.op().symbol + quote(m.value());
    }

    /** A selector without modifiers: {@code name{matchers}} or {@code {matchers}}. */
    static String selector(VectorSelector vs) {
        StringBuilder b = new StringBuilder();
        String name = vs.name();
        boolean bareName = name != null && isLegacyMetricName(name);
        if (bareName) {
            b.append(name);
        }
        StringBuilder inner = new StringBuilder();
        if (name != null && !bareName) {
            inner.append(quote(name));
        }
        boolean skippedName = false;
        for (LabelMatcher m : vs.matchers()) {
            if (name != null && !skippedName && m.op() == LabelMatcher.Op.EQ && m.name().equals("__name__")
                    && m.value().equals(name)) {
                skippedName = true;
                continue;
            }
            if (inner.length() > 0) {
                inner.append(", ");
            }
            inner.append(matcher(m));
        }
        if (inner.length() > 0 || !bareName) {
            b.append('{').append(inner).append('}');
        }
        return b.toString();
    }
}
