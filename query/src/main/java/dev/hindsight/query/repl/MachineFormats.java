package dev.hindsight.query.repl;

import dev.hindsight.query.engine.Matrix;
import dev.hindsight.query.engine.Scalar;
import dev.hindsight.query.engine.StringValue;
import dev.hindsight.query.engine.Value;
import dev.hindsight.query.engine.Vector;
import dev.hindsight.storage.select.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Results for programs. JSON is the {@code data} object of Prometheus's query API
 * ({@code {"resultType":"vector","result":[{"metric":{...},"value":[t,"v"]}]}}) on one line.
 * CSV has one column per label name, then {@code timestamp} (seconds) and {@code value}, one
 * row per sample (range results: one row per point).
 */
final class MachineFormats {
    private MachineFormats() {
    }

    static String json(Value value) {
        StringBuilder sb = new StringBuilder(256);
        if (value instanceof Scalar s) {
            sb.append("{\"resultType\":\"scalar\",\"result\":");
            point(sb, s.t(), Numbers.exact(s.v()));
        } else if (value instanceof StringValue s) {
            sb.append("{\"resultType\":\"string\",\"result\":");
            point(sb, s.t(), s.v());
        } else if (value instanceof Vector v) {
            sb.append("{\"resultType\":\"vector\",\"result\":[");
            for (int i = 0; i < v.size(); i++) {
                Vector.Sample s = v.samples().get(i);
                sb.append(i > 0 ? "," : "").append("{\"metric\":");
                labels(sb, s.labels());
                sb.append(",\"value\":");
                point(sb, s.t(), Numbers.exact(s.v()));
                sb.append('}');
            }
            sb.append(']');
        } else if (value instanceof Matrix m) {
            sb.append("{\"resultType\":\"matrix\",\"result\":[");
            for (int i = 0; i < m.series().size(); i++) {
                Matrix.Series s = m.series().get(i);
                sb.append(i > 0 ? "," : "").append("{\"metric\":");
                labels(sb, s.labels());
                sb.append(",\"values\":[");
                for (int p = 0; p < s.size(); p++) {
                    sb.append(p > 0 ? "," : "");
                    point(sb, s.timestamps()[p], Numbers.exact(s.values()[p]));
                }
                sb.append("]}");
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    static List<String> csv(Value value) {
        List<String> rows = new ArrayList<>();
        if (value instanceof Scalar s) {
            rows.add("timestamp,value");
            rows.add(seconds(s.t()) + "," + Numbers.exact(s.v()));
        } else if (value instanceof StringValue s) {
            rows.add("timestamp,value");
            rows.add(seconds(s.t()) + "," + cell(s.v()));
        } else if (value instanceof Vector v) {
            List<Labels> sets = new ArrayList<>();
            v.samples().forEach(s -> sets.add(s.labels()));
            List<String> names = names(sets);
            rows.add(header(names));
            for (Vector.Sample s : v.samples()) {
                rows.add(row(names, s.labels(), s.t(), s.v()));
            }
        } else if (value instanceof Matrix m) {
            List<Labels> sets = new ArrayList<>();
            m.series().forEach(s -> sets.add(s.labels()));
            List<String> names = names(sets);
            rows.add(header(names));
            for (Matrix.Series s : m.series()) {
                for (int p = 0; p < s.size(); p++) {
                    rows.add(row(names, s.labels(), s.timestamps()[p], s.values()[p]));
                }
            }
        }
        return rows;
    }

    private static List<String> names(List<Labels> sets) {
        TreeSet<String> names = new TreeSet<>();
        for (Labels l : sets) {
            for (int i = 0; i < l.size(); i++) {
                names.add(l.name(i));
            }
        }
        List<String> out = new ArrayList<>(names);
        if (out.remove(Labels.METRIC_NAME)) {
            out.add(0, Labels.METRIC_NAME);
        }
        return out;
    }

    private static String header(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(cell(n)).append(',');
        }
        return sb.append("timestamp,value").toString();
    }

    private static String row(List<String> names, Labels l, long t, double v) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(cell(l.get(n))).append(',');
        }
        return sb.append(seconds(t)).append(',').append(Numbers.exact(v)).toString();
    }

    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Unix seconds with milliseconds when needed: {@code 1700000000}, {@code 1700000000.5}. */
    static String seconds(long ms) {
        long s = Math.floorDiv(ms, 1000);
        long frac = Math.floorMod(ms, 1000);
        if (frac == 0) {
            return Long.toString(s);
        }
        String f = String.format("%03d", frac).replaceAll("0+$", "");
        return s + "." + f;
    }

    private static void point(StringBuilder sb, long t, String v) {
        sb.append('[').append(seconds(t)).append(",");
        string(sb, v);
        sb.append(']');
    }

    private static void labels(StringBuilder sb, Labels l) {
        sb.append('{');
        for (int i = 0; i < l.size(); i++) {
            sb.append(i > 0 ? "," : "");
            string(sb, l.name(i));
            sb.append(':');
            string(sb, l.value(i));
        }
        sb.append('}');
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
