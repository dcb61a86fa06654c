package dev.hindsight.storage.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable, sorted set of label name/value pairs identifying one series.
 * The metric name is the label {@code __name__}.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    /** names at even, values at odd indexes, sorted by name, no duplicates, no empty values. */
    private final String[] pairs;
    private int hash;

    private Labels(String[] sortedPairs) {
        this.pairs = sortedPairs;
    }

    /** Builds from alternating name, value arguments; empty values are dropped, as Prometheus does. */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of name/value strings: " + nameValues.length);
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return fromMap(map);
    }

    public static Labels fromMap(Map<String, String> map) {
        TreeMap<String, String> sorted = map instanceof TreeMap<String, String> t ? t : new TreeMap<>(map);
        List<String> out = new ArrayList<>(sorted.size() * 2);
        sorted.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                out.add(k);
                out.add(v);
            }
        });
        return new Labels(out.toArray(new String[0]));
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of a label, or the empty string when absent (Prometheus semantics). */
    public String get(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return pairs[2 * mid + 1];
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return "";
    }

    public boolean has(String name) {
        return !get(name).isEmpty();
    }

    public String metricName() {
        return get(METRIC_NAME);
    }

    public TreeMap<String, String> toMap() {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            map.put(name(i), value(i));
        }
        return map;
    }

    /** A copy with one label set (or removed when value is empty). */
    public Labels with(String name, String value) {
        TreeMap<String, String> map = toMap();
        if (value == null || value.isEmpty()) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
        return fromMap(map);
    }

    public Labels without(String name) {
        return has(name) ? with(name, "") : this;
    }

    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && Arrays.equals(pairs, l.pairs);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h;
        }
        return h;
    }

    /** Prometheus style: {@code name{a="b", c="d"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String metric = metricName();
        sb.append(metric).append('{');
        boolean first = true;
        for (int i = 0; i < size(); i++) {
            if (name(i).equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(name(i)).append("=\"").append(escape(value(i))).append('"');
        }
        return sb.append('}').toString();
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
