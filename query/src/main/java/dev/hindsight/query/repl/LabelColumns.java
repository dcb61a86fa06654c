package dev.hindsight.query.repl;

import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits the label sets of a result into what all series share (printed once, above) and the
 * label names whose values differ (one column each), so a table of 50 containers shows
 * {@code name} and {@code id}, not 50 copies of the same {@code __name__} and {@code job}.
 */
final class LabelColumns {
    /** Labels every series has with the same value, as a label set. */
    final Labels common;
    /** Names that are missing in some series or differ between them; {@code __name__} first. */
    final List<String> varying;

    private LabelColumns(Labels common, List<String> varying) {
        this.common = common;
        this.varying = varying;
    }

    static LabelColumns of(List<Labels> sets) {
        TreeSet<String> names = new TreeSet<>();
        for (Labels l : sets) {
            for (int i = 0; i < l.size(); i++) {
                names.add(l.name(i));
            }
        }
        Map<String, String> common = new TreeMap<>();
        List<String> varying = new ArrayList<>();
        for (String n : names) {
            String first = sets.get(0).get(n);
            boolean same = !first.isEmpty();
            for (Labels l : sets) {
                if (!l.get(n).equals(first)) {
                    same = false;
                    break;
                }
            }
            if (same && sets.size() > 1) {
                common.put(n, first);
            } else {
                varying.add(n);
            }
        }
        if (varying.remove(Labels.METRIC_NAME)) {
            varying.add(0, Labels.METRIC_NAME);
        }
        return new LabelColumns(Labels.fromMap(common), varying);
    }

    /**
     * The varying labels of one series, for one-line legends: {@code name="web", id="/docker/…"},
     * or {@code metric{name="web"}} when the metric name varies too.
     */
    String varyingText(Labels l) {
        StringBuilder sb = new StringBuilder();
        String metric = "";
        for (String n : varying) {
            String v = l.get(n);
            if (v.isEmpty()) {
                continue;
            }
            if (n.equals(Labels.METRIC_NAME)) {
                metric = v;
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(n).append("=\"").append(v).append('"');
        }
        if (!metric.isEmpty()) {
            return sb.length() == 0 ? metric : metric + "{" + sb + "}";
        }
        return sb.length() == 0 ? "{}" : sb.toString();
    }

    /** The column header for a label name. */
    static String header(String name) {
        return name.equals(Labels.METRIC_NAME) ? "metric" : name;
    }

    /** Prometheus form of a label set, {@code {}} when empty. */
    static String show(Labels l) {
        if (l.size() == 0) {
            return "{}";
        }
        String s = l.toString();
        return s.endsWith("{}") && !s.equals("{}") ? s.substring(0, s.length() - 2) : s;
    }
}
