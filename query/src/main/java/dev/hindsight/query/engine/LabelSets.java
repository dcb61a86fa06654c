package dev.hindsight.query.engine;

import dev.hindsight.storage.select.Labels;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/** Label-set helpers shared by binary operators and aggregations. */
final class LabelSets {
    private LabelSets() {
    }

    /**
     * A matching signature: with {@code on}, the values of {@code names}; else all labels
     * except {@code names} and the metric name.
     */
    static String signature(Labels ls, boolean on, Collection<String> names) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ls.size(); i++) {
            String n = ls.name(i);
            boolean listed = names.contains(n);
            boolean use = on ? listed : !listed && !n.equals(Labels.METRIC_NAME);
            if (use) {
                b.append(n).append('\u0000').append(ls.value(i)).append('\u0001');
            }
        }
        return b.toString();
    }

    /** The labels a signature is made of, as a label set. */
    static Labels matchLabels(Labels ls, boolean on, Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < ls.size(); i++) {
            String n = ls.name(i);
            boolean listed = names.contains(n);
            boolean use = on ? listed : !listed && !n.equals(Labels.METRIC_NAME);
            if (use) {
                m.put(n, ls.value(i));
            }
        }
        return Labels.fromMap(m);
    }

    /** Keeps only the listed labels. */
    static Labels keep(Labels ls, Collection<String> names) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < ls.size(); i++) {
            if (names.contains(ls.name(i))) {
                m.put(ls.name(i), ls.value(i));
            }
        }
        return Labels.fromMap(m);
    }

    /** Removes the listed labels. */
    static Labels drop(Labels ls, Collection<String> names) {
        TreeMap<String, String> m = ls.toMap();
        m.keySet().removeAll(names);
        return Labels.fromMap(m);
    }

    /** Go's {@code labels.Labels.String()}: {@code {__name__="x", a="b"}}. */
    static String goString(Labels ls) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < ls.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(ls.name(i)).append("=\"").append(ls.value(i).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return b.append('}').toString();
    }

    static boolean isValidLabelName(String name) {
        return !name.isEmpty() && name.codePoints().allMatch(cp -> cp != 0xFFFD) && isUtf8Clean(name);
    }

    private static boolean isUtf8Clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    static List<String> list(Collection<String> c) {
        return List.copyOf(c);
    }
}
